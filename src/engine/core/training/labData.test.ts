import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../shared/dataset';
import { checkTrainingSpec } from './labSpec';
import {
  HELD_OUT_IMAGES,
  VALIDATION_IMAGES,
  batchRange,
  firstTrainImages,
  gatherBatch,
  labSplit,
} from './labData';
import { DEFAULT_TRAINING_SPEC } from '../../trainingTypes';

function dataset(count: number): Dataset {
  const pixels = new Uint8Array(count * 4);
  for (let i = 0; i < pixels.length; i++) pixels[i] = i % 256;
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  const classNames = Array.from({ length: 10 }, (_, i) => String(i));
  return {
    id: 'mnist',
    split: 'train',
    count,
    height: 2,
    width: 2,
    channels: 1,
    pixels,
    labels,
    classNames,
  };
}

describe('lab data', () => {
  it('trains on all but the last 5,000 images and measures on the first 1,000 of those', () => {
    const ds = dataset(6000);
    const lab = labSplit(ds);
    expect(lab.train.count).toBe(6000 - VALIDATION_IMAGES);
    expect(lab.heldOut.count).toBe(HELD_OUT_IMAGES);
    expect(lab.heldOut.labels[0]).toBe(ds.labels[1000]);
    expect(lab.heldOut.pixels[0]).toBe(ds.pixels[1000 * 4]);
    expect(lab.imageShape).toEqual([2, 2, 1]);
    expect(() => labSplit(dataset(5000))).toThrow(/need > 5000/);
  });

  it('gathers rows as byte / 255 in float32, with their labels', () => {
    const lab = labSplit(dataset(6000));
    const batch = gatherBatch(lab.train, [3, 0]);
    expect(Array.from(batch.labels)).toEqual([3, 0]);
    expect(Array.from(batch.x)).toEqual(
      [12, 13, 14, 15, 0, 1, 2, 3].map((b) => Math.fround(b / 255)),
    );
    expect(batchRange(lab.heldOut, 995, 10).labels.length).toBe(5);
  });

  it('a spec with trainImages trains on the first that many, measures on the same slice', () => {
    const lab = labSplit(dataset(8000));
    const few = firstTrainImages(lab, 300);
    expect(few.train.count).toBe(300);
    expect(few.train.labels.length).toBe(300);
    expect(few.train.pixels.length).toBe(300 * 4);
    expect(few.heldOut).toBe(lab.heldOut);
    expect(firstTrainImages(lab, undefined)).toBe(lab);
    expect(firstTrainImages(lab, 10_000).train.count).toBe(3000);
    expect(checkTrainingSpec({ ...DEFAULT_TRAINING_SPEC, trainImages: 4096 }).trainImages).toBe(
      4096,
    );
    expect('trainImages' in checkTrainingSpec(DEFAULT_TRAINING_SPEC)).toBe(false);
    expect(() => checkTrainingSpec({ ...DEFAULT_TRAINING_SPEC, trainImages: 10 })).toThrow(
      /trainImages must be a number in \[256, 55000\]/,
    );
  });
});
