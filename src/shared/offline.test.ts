import { describe, expect, it } from 'vitest';
import { offlineReason, TEST_SETS_SAVED_AT_FIRST_USE, testSetOfflineReason } from './offline';

describe('offlineReason', () => {
  it('says what is missing when offline, nothing when online or unknown', () => {
    expect(offlineReason('model "x"', false)).toMatch(
      /You are offline, and model "x" is not saved/,
    );
    expect(offlineReason('model "x"', true)).toBe('');
    expect(offlineReason('model "x"', undefined)).toBe('');
  });
});

describe('testSetOfflineReason', () => {
  it('for a precached set (MNIST, Fashion-MNIST): the first online visit saves it', () => {
    for (const id of ['mnist', 'fashion-mnist'] as const) {
      const reason = testSetOfflineReason(id, false);
      expect(reason).toMatch(
        /You are offline, and the (MNIST|Fashion-MNIST) test set is not saved/,
      );
      expect(reason).toContain('open the explorer once while online');
      expect(reason).toContain('Saved for offline use');
    }
  });

  it('for CIFAR-10: saved only the first time it is used online, not by the first visit', () => {
    expect(TEST_SETS_SAVED_AT_FIRST_USE).toEqual(['cifar10']);
    const reason = testSetOfflineReason('cifar10', false);
    expect(reason).toMatch(/You are offline, and the CIFAR-10 test set is not saved/);
    expect(reason).toContain('the first time it is used while online');
    expect(reason).toContain('use a CIFAR-10 model once while online');
    // the first visit's "Saved for offline use" does not include it: not the advice here
    expect(reason).not.toContain('let it finish saving');
  });

  it('says nothing when online or unknown', () => {
    expect(testSetOfflineReason('cifar10', true)).toBe('');
    expect(testSetOfflineReason('mnist', undefined)).toBe('');
  });
});
