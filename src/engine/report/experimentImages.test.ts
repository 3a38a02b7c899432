import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../shared/dataset';
import { ExperimentImagesError, selectExperimentImages } from './experimentImages';

const ds: Dataset = {
  id: 'mnist',
  split: 'test',
  count: 5,
  height: 1,
  width: 2,
  channels: 1,
  pixels: Uint8Array.of(0, 255, 51, 102, 10, 20, 30, 40, 50, 60),
  labels: Uint8Array.of(7, 3, 1, 7, 3),
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
};

describe('selectExperimentImages', () => {
  it('all classes: `limit` images spread over the set, pixel / 255, labels as they are', () => {
    const r = selectExperimentImages(ds, ds.classNames, 2);
    expect(r.count).toBe(2);
    // picks floor(0 * 5 / 2) = 0 and floor(1 * 5 / 2) = 2
    expect(Array.from(r.labels)).toEqual([7, 1]);
    expect(Array.from(r.data)).toEqual([0, 1, 10 / 255, 20 / 255].map(Math.fround));
    expect(r.shape).toEqual([1, 2, 1]);
    expect(selectExperimentImages(ds, ds.classNames).count).toBe(5);
  });

  it('a set sorted by class: a limit still covers every class evenly', () => {
    const sorted: Dataset = {
      ...ds,
      count: 100,
      pixels: new Uint8Array(200),
      labels: Uint8Array.from({ length: 100 }, (_, i) => Math.floor(i / 10)),
    };
    const r = selectExperimentImages(sorted, sorted.classNames, 20);
    expect(Array.from(r.labels)).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9,
    ]);
  });

  it('a 3-vs-7 model: only 3s and 7s, relabelled 0 (for "3") and 1 (for "7")', () => {
    const r = selectExperimentImages(ds, ['3', '7']);
    expect(Array.from(r.labels)).toEqual([1, 0, 1, 0]);
    expect(r.count).toBe(4);
    expect(r.data[4]).toBe(Math.fround(30 / 255)); // the third pick is dataset image 3
  });

  it('rejects classes the dataset lacks and a limit below 1', () => {
    expect(() => selectExperimentImages(ds, ['cat'])).toThrow(ExperimentImagesError);
    expect(() => selectExperimentImages(ds, ['3'], 0)).toThrow(ExperimentImagesError);
  });
});
