/**
 * Turns a dataset into the flat float arrays the training loop batches from: the training
 * images minus the last VALIDATION_COUNT (held out for early stopping), optionally only some
 * classes (relabelled 0..k-1 in the order given).
 */
import type { Dataset } from '../../src/shared/dataset';
import { imageSize } from '../../src/shared/dataset';
import { VALIDATION_IMAGES } from '../../src/engine/core/training/labData';

/** The paper's MNIST protocol holds out the last 10,000; we hold out the last 5,000 (so does the lab). */
export const VALIDATION_COUNT = VALIDATION_IMAGES;

export interface LabelledSet {
  /** count x dim pixel values in [0, 1] */
  x: Float32Array;
  labels: Int32Array;
  count: number;
  dim: number;
}

/** Images start..end-1 whose label is in classFilter (all when omitted), relabelled. */
export function labelledSet(
  ds: Dataset,
  start: number,
  end: number,
  classFilter?: readonly number[],
): LabelledSet {
  if (!(start >= 0 && end <= ds.count && start <= end)) {
    throw new RangeError(`images ${start}..${end} of ${ds.id}/${ds.split}: it has ${ds.count}`);
  }
  const dim = imageSize(ds);
  const keep: number[] = [];
  const labels: number[] = [];
  for (let i = start; i < end; i++) {
    const label = ds.labels[i] ?? -1;
    const mapped = classFilter ? classFilter.indexOf(label) : label;
    if (mapped >= 0) {
      keep.push(i);
      labels.push(mapped);
    }
  }
  const x = new Float32Array(keep.length * dim);
  keep.forEach((image, row) => {
    const offset = image * dim;
    for (let j = 0; j < dim; j++) x[row * dim + j] = (ds.pixels[offset + j] ?? 0) / 255;
  });
  return { x, labels: Int32Array.from(labels), count: keep.length, dim };
}

/**
 * Training images minus VALIDATION_COUNT held out: the tail (MNIST's convention), or every
 * tenth image for sets stored sorted by class.
 */
export function trainValidationSplit(
  train: Dataset,
  classFilter?: readonly number[],
  holdOut: 'tail' | 'every-tenth' = 'tail',
): { train: LabelledSet; validation: LabelledSet } {
  if (train.count <= VALIDATION_COUNT) {
    throw new RangeError(`${train.id}: ${train.count} training images, need > ${VALIDATION_COUNT}`);
  }
  if (holdOut === 'every-tenth') {
    const all = labelledSet(train, 0, train.count, classFilter);
    const every = Math.floor(all.count / VALIDATION_COUNT);
    const held: number[] = [];
    const kept: number[] = [];
    for (let i = 0; i < all.count; i++) {
      const isHeld = i % every === every - 1 && held.length < VALIDATION_COUNT;
      (isHeld ? held : kept).push(i);
    }
    const subset = (rows: number[]): LabelledSet => ({
      ...gatherRows(all, rows),
      count: rows.length,
      dim: all.dim,
    });
    return { train: subset(kept), validation: subset(held) };
  }
  const cut = train.count - VALIDATION_COUNT;
  return {
    train: labelledSet(train, 0, cut, classFilter),
    validation: labelledSet(train, cut, train.count, classFilter),
  };
}

/** Rows `indices` of a set, copied into one batch array. */
export function gatherRows(
  set: LabelledSet,
  indices: ArrayLike<number>,
): {
  x: Float32Array;
  labels: Int32Array;
} {
  const x = new Float32Array(indices.length * set.dim);
  const labels = new Int32Array(indices.length);
  for (let row = 0; row < indices.length; row++) {
    const i = indices[row] ?? 0;
    x.set(set.x.subarray(i * set.dim, (i + 1) * set.dim), row * set.dim);
    labels[row] = set.labels[i] ?? 0;
  }
  return { x, labels };
}
