import { describe, expect, it } from 'vitest';
import type { ModelManifest } from './manifest';
import { ownTestManifest } from './ownModelFixtures';
import { testSetsFitting, withTestSet } from './ownModelManifest';

const own = (
  imageShape: [number, number, number],
  classes: number,
  dataset?: 'custom' | 'imagenet',
): ModelManifest => ownTestManifest({ imageShape, classes, ...(dataset ? { dataset } : {}) });

describe('testSetsFitting', () => {
  it('28×28 grey with 10 outputs: the MNIST and Fashion-MNIST test sets', () => {
    expect(testSetsFitting(own([28, 28, 1], 10))).toEqual(['mnist', 'fashion-mnist']);
  });

  it('32×32 colour with 10 outputs: the CIFAR-10 test set', () => {
    expect(testSetsFitting(own([32, 32, 3], 10))).toEqual(['cifar10']);
  });

  it('none where the shape or the class count differs', () => {
    expect(testSetsFitting(own([28, 28, 1], 2))).toEqual([]);
    expect(testSetsFitting(own([28, 28, 3], 10))).toEqual([]);
    expect(testSetsFitting(own([32, 32, 3], 100))).toEqual([]);
    expect(testSetsFitting(own([224, 224, 3], 10))).toEqual([]);
  });

  it('none before the class count is known, for the ImageNet gallery and for shipped models', () => {
    expect(testSetsFitting(own([28, 28, 1], 0))).toEqual([]);
    expect(testSetsFitting(own([32, 32, 3], 10, 'imagenet'))).toEqual([]);
    expect(testSetsFitting({ ...own([28, 28, 1], 10), id: 'mnist-maxout' })).toEqual([]);
  });

  it('none for an own model already using a test set', () => {
    expect(testSetsFitting({ ...own([28, 28, 1], 10), dataset: 'mnist' })).toEqual([]);
  });
});

describe('withTestSet', () => {
  it('pairs the model with the set; class i N-1 take the set names when the user gave none', () => {
    const paired = withTestSet(own([28, 28, 1], 10), 'fashion-mnist');
    expect(paired.dataset).toBe('fashion-mnist');
    expect(paired.classNames[0]).toBe('T-shirt/top');
    expect(paired.classNames).toHaveLength(10);
    // the rest of the manifest (id, title, url, shape) is as it was: links name the same model
    expect({ ...paired, dataset: 'custom', classNames: [] }).toEqual({
      ...own([28, 28, 1], 10),
      classNames: [],
    });
  });

  it("keeps the user's own class names", () => {
    const names = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
    const paired = withTestSet({ ...own([28, 28, 1], 10), classNames: names }, 'mnist');
    expect(paired.classNames).toEqual(names);
  });

  it('refuses a set that does not fit, naming why', () => {
    expect(() => withTestSet(own([28, 28, 1], 10), 'cifar10')).toThrow(
      /net \(your model\) takes 28×28×1 with 10 classes; the CIFAR-10 test images are 32×32×3 with 10 classes/,
    );
  });
});
