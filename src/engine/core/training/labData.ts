/**
 * The lab's images: a training set held as bytes (60,000 MNIST images are 47 MB as bytes, four
 * times that as floats), split as `npm run train` splits it (the last VALIDATION_IMAGES held out),
 * and minibatches gathered as pixel / 255, the values the Node trainer's float sets hold.
 */
import type { Dataset } from '../../../shared/dataset';
import { imageSize } from '../../../shared/dataset';
import type { Batch } from './trainStep';

/** Training images held out for validation (scripts/lib/trainingData.ts holds out the same). */
export const VALIDATION_IMAGES = 5000;

/** The held-out images the lab measures its errors on: the first of the validation images. */
export const HELD_OUT_IMAGES = 1000;

/** A run of images as bytes, one label each. */
export interface ImageRows {
  /** count x dim bytes */
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
  dim: number;
}

export interface LabData {
  train: ImageRows;
  heldOut: ImageRows;
  classNames: string[];
  /** [height, width, channels] */
  imageShape: [number, number, number];
}

function rows(ds: Dataset, start: number, end: number): ImageRows {
  const dim = imageSize(ds);
  return {
    pixels: ds.pixels.subarray(start * dim, end * dim),
    labels: ds.labels.subarray(start, end),
    count: end - start,
    dim,
  };
}

/** Training images 0..count-5000 and the first HELD_OUT_IMAGES of the last 5,000. */
export function labSplit(ds: Dataset, heldOut = HELD_OUT_IMAGES): LabData {
  if (ds.count <= VALIDATION_IMAGES) {
    throw new RangeError(`${ds.id}: ${ds.count} training images, need > ${VALIDATION_IMAGES}`);
  }
  const cut = ds.count - VALIDATION_IMAGES;
  return {
    train: rows(ds, 0, cut),
    heldOut: rows(ds, cut, cut + Math.min(heldOut, VALIDATION_IMAGES)),
    classNames: [...ds.classNames],
    imageShape: [ds.height, ds.width, ds.channels],
  };
}

/** `data` with only the first `count` training images (all of them when `count` is undefined). */
export function firstTrainImages(data: LabData, count: number | undefined): LabData {
  const { train } = data;
  if (count === undefined || count >= train.count) return data;
  const pixels = train.pixels.subarray(0, count * train.dim);
  return { ...data, train: { ...train, pixels, labels: train.labels.subarray(0, count), count } };
}

/** byte -> byte / 255 as float32: a look-up, not a division per pixel */
const SCALE = Float32Array.from({ length: 256 }, (_, b) => b / 255);

/**
 * Images `indices` of `set` (indices into it), as pixel / 255; into `reuse` when it is given and
 * of that many images (a training loop's one buffer: a new 400 kB array every minibatch keeps the
 * garbage collector busy on other cores).
 */
export function gatherBatch(set: ImageRows, indices: ArrayLike<number>, reuse?: Batch): Batch {
  const { dim } = set;
  const fits =
    reuse !== undefined &&
    reuse.labels.length === indices.length &&
    reuse.x.length === indices.length * dim;
  const x = fits ? reuse.x : new Float32Array(indices.length * dim);
  const labels = fits ? reuse.labels : new Int32Array(indices.length);
  for (let row = 0; row < indices.length; row++) {
    const i = indices[row] ?? 0;
    const from = i * dim;
    const to = row * dim;
    for (let j = 0; j < dim; j++) x[to + j] = SCALE[set.pixels[from + j] ?? 0] ?? 0;
    labels[row] = set.labels[i] ?? 0;
  }
  return { x, labels };
}

/** Images start..start+count-1 of `set`. */
export function batchRange(set: ImageRows, start: number, count: number): Batch {
  const n = Math.max(0, Math.min(count, set.count - start));
  return gatherBatch(
    set,
    Array.from({ length: n }, (_, k) => start + k),
  );
}
