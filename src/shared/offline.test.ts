import { describe, expect, it } from 'vitest';
import { offlineReason } from './offline';

describe('offlineReason', () => {
  it('says what is missing when offline, nothing when online or unknown', () => {
    expect(offlineReason('model "x"', false)).toMatch(
      /You are offline, and model "x" is not saved/,
    );
    expect(offlineReason('model "x"', true)).toBe('');
    expect(offlineReason('model "x"', undefined)).toBe('');
  });
});
