/**
 * Reads the MNIST test split straight from its gzipped IDX files, so the bench (and its GPU
 * bundle, which has no data step) needs only the folder that holds them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ExperimentImages } from '../../src/engine/api';
import type { LabelledImage } from './workloads';

function idx(path: string, magic: number): { dims: number[]; body: Uint8Array } {
  const raw = gunzipSync(readFileSync(path));
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  if (view.getUint32(0) !== magic) throw new Error(`${path}: not an IDX file with magic ${magic}`);
  const rank = magic & 0xff;
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  return { dims, body: new Uint8Array(raw.buffer, raw.byteOffset + 4 + 4 * rank) };
}

/** The 10,000 test images in [0, 1] (HWC) with their labels. */
export function loadMnistTest(dir: string, count = 10_000): ExperimentImages {
  const images = idx(join(dir, 't10k-images-idx3-ubyte.gz'), 0x803);
  const labels = idx(join(dir, 't10k-labels-idx1-ubyte.gz'), 0x801);
  const n = Math.min(count, images.dims[0] ?? 0);
  const size = 28 * 28;
  const data = new Float32Array(n * size);
  for (let i = 0; i < data.length; i++) data[i] = (images.body[i] ?? 0) / 255;
  return {
    data,
    labels: Int32Array.from(labels.body.subarray(0, n)),
    count: n,
    shape: [28, 28, 1],
  };
}

export function imageOf(set: ExperimentImages, i: number): LabelledImage {
  const [h, w, c] = set.shape;
  const size = h * w * c;
  return {
    image: { data: set.data.slice(i * size, (i + 1) * size), height: h, width: w, channels: c },
    label: set.labels[i] ?? 0,
  };
}
