import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/shared/dataset';
import { gatherRows, labelledSet, trainValidationSplit, VALIDATION_COUNT } from './trainingData';

/** A 2x1-pixel dataset whose image i has pixels (i, 255 - i) and label i % 10. */
function fakeDataset(count: number): Dataset {
  const pixels = new Uint8Array(count * 2);
  for (let i = 0; i < count; i++) {
    pixels[2 * i] = i % 256;
    pixels[2 * i + 1] = 255 - (i % 256);
  }
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  const classNames = Array.from({ length: 10 }, (_, i) => String(i));
  return {
    id: 'mnist',
    split: 'train',
    count,
    height: 2,
    width: 1,
    channels: 1,
    pixels,
    labels,
    classNames,
  };
}

describe('training data', () => {
  it('scales pixels to [0, 1] and keeps labels', () => {
    const set = labelledSet(fakeDataset(20), 3, 5);
    expect(set.count).toBe(2);
    expect(Array.from(set.x)).toEqual(
      Array.from(Float32Array.of(3, 252, 4, 251).map((v) => v / 255)),
    );
    expect(Array.from(set.labels)).toEqual([3, 4]);
  });

  it('keeps only filtered classes, relabelled in filter order (3 -> 0, 7 -> 1)', () => {
    const set = labelledSet(fakeDataset(30), 0, 30, [3, 7]);
    expect(Array.from(set.labels)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(set.x[0]).toBeCloseTo(3 / 255);
    expect(set.x[2]).toBeCloseTo(7 / 255);
  });

  it('holds out exactly the last VALIDATION_COUNT images', () => {
    const ds = fakeDataset(VALIDATION_COUNT + 100);
    const { train, validation } = trainValidationSplit(ds);
    expect(train.count).toBe(100);
    expect(validation.count).toBe(VALIDATION_COUNT);
    expect(validation.x[0]).toBeCloseTo(((100 % 256) as number) / 255);
    expect(() => trainValidationSplit(fakeDataset(VALIDATION_COUNT))).toThrow(/need >/);
  });

  it('gathers rows in the order asked', () => {
    const set = labelledSet(fakeDataset(10), 0, 10);
    const batch = gatherRows(set, [4, 1]);
    expect(Array.from(batch.labels)).toEqual([4, 1]);
    expect(batch.x[0]).toBeCloseTo(4 / 255);
    expect(batch.x[2]).toBeCloseTo(1 / 255);
  });

  it('rejects ranges outside the dataset', () => {
    expect(() => labelledSet(fakeDataset(10), 5, 11)).toThrow(RangeError);
  });

  it('holds out every tenth image of a class-sorted set: all classes, disjoint from training', () => {
    const count = 60_000;
    const ds = fakeDataset(count);
    // sorted by class, as our CIFAR-10 copy is
    ds.labels = Uint8Array.from({ length: count }, (_, i) => Math.floor(i / (count / 10)));
    const { train, validation } = trainValidationSplit(ds, undefined, 'every-tenth');
    expect(validation.count).toBe(VALIDATION_COUNT);
    expect(train.count).toBe(count - VALIDATION_COUNT);
    const perClass = new Array<number>(10).fill(0);
    for (const l of validation.labels) perClass[l] = (perClass[l] ?? 0) + 1;
    expect(perClass).toEqual(new Array<number>(10).fill(VALIDATION_COUNT / 10));
    // pixel pairs (i, 255 - i) identify images modulo 256; the 12th image (index 11) is held out
    expect(validation.x[0]).toBeCloseTo(11 / 255);
    expect(train.x[2 * 11]).toBeCloseTo(12 / 255);
  });
});
