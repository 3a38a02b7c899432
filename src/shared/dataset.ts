/**
 * A labelled image set held as bytes, and the two ways the engine wants it: one image in [0, 1]
 * or a run of images as one Float32Array. Pixels are HWC, one image after another.
 */
import type { ImageData01 } from './image';

/** The datasets the app ships with (a subset of the manifest's DatasetId). */
export type BundledDatasetId = 'mnist' | 'fashion-mnist' | 'cifar10';
export const BUNDLED_DATASET_IDS: readonly BundledDatasetId[] = [
  'mnist',
  'fashion-mnist',
  'cifar10',
];

export type DatasetSplit = 'train' | 'test';

export interface Dataset {
  id: BundledDatasetId;
  split: DatasetSplit;
  count: number;
  height: number;
  width: number;
  channels: number;
  /** count*height*width*channels bytes, HWC */
  pixels: Uint8Array;
  /** count labels, each < classNames.length */
  labels: Uint8Array;
  classNames: string[];
}

export function imageSize(ds: Dataset): number {
  return ds.height * ds.width * ds.channels;
}

function checkRange(ds: Dataset, start: number, count: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0) {
    throw new RangeError(`images ${start}..${start + count} of ${ds.id}/${ds.split}: not whole.`);
  }
  if (start + count > ds.count) {
    throw new RangeError(
      `images ${start}..${start + count - 1} of ${ds.id}/${ds.split}: it has ${ds.count}.`,
    );
  }
}

/** Images start..start+count-1 as pixel/255, in one array (count x h x w x c). */
export function imagesToFloat(ds: Dataset, start: number, count: number): Float32Array {
  checkRange(ds, start, count);
  const size = imageSize(ds);
  const bytes = ds.pixels.subarray(start * size, (start + count) * size);
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = (bytes[i] ?? 0) / 255;
  return out;
}

/** Image i as an engine image in [0, 1]. */
export function imageAt(ds: Dataset, i: number): ImageData01 {
  return {
    data: imagesToFloat(ds, i, 1),
    height: ds.height,
    width: ds.width,
    channels: ds.channels,
  };
}

/** The label of image i. */
export function labelAt(ds: Dataset, i: number): number {
  checkRange(ds, i, 1);
  return ds.labels[i] ?? 0;
}
