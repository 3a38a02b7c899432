/**
 * A model's test set for the bench, read with the project's own parser (src/shared/parseDataset)
 * straight from the gzipped test files in data/<dataset>/: no data step, so the GPU bundle needs
 * only those files (testSetFiles lists them for `carry`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ExperimentImages } from '../../src/engine/api';
import { BUNDLED_DATASET_IDS, imageSize } from '../../src/shared/dataset';
import type { BundledDatasetId, Dataset } from '../../src/shared/dataset';
import { DATASET_CATALOG, splitFiles } from '../../src/shared/datasetCatalog';
import { assertGzip } from '../../src/shared/gzip';
import { parseDataset } from '../../src/shared/parseDataset';
import { spreadIndices } from './cuts';
import type { LabelledImage } from './workloads';

export function bundledDataset(id: string): BundledDatasetId {
  const found = BUNDLED_DATASET_IDS.find((d) => d === id);
  if (!found) throw new Error(`dataset ${id} has no test files the bench can read`);
  return found;
}

/** The test files of a dataset, relative to the repository root (what the GPU run carries). */
export function testSetFiles(id: BundledDatasetId): string[] {
  return splitFiles(DATASET_CATALOG[id], 'test').map((f) => `data/${id}/${f.name}`);
}

/** A parsed set as engine images: pixel/255, HWC. */
export function toExperimentImages(ds: Dataset): ExperimentImages {
  const data = new Float32Array(ds.count * imageSize(ds));
  for (let i = 0; i < data.length; i++) data[i] = (ds.pixels[i] ?? 0) / 255;
  return {
    data,
    labels: Int32Array.from(ds.labels),
    count: ds.count,
    shape: [ds.height, ds.width, ds.channels],
  };
}

/** `count` images evenly spread over the set (all of it when count >= its size). */
export function spreadSubset(set: ExperimentImages, count: number): ExperimentImages {
  if (count >= set.count) return set;
  const size = set.shape[0] * set.shape[1] * set.shape[2];
  const picks = spreadIndices(set.count, count);
  const data = new Float32Array(picks.length * size);
  picks.forEach((p, i) => data.set(set.data.subarray(p * size, (p + 1) * size), i * size));
  return {
    data,
    labels: Int32Array.from(picks, (p) => set.labels[p] ?? 0),
    count: picks.length,
    shape: set.shape,
  };
}

/** The test split of `id` from `<dataDir>/<id>/`, checked against the catalog. */
export function loadTestSet(dataDir: string, id: BundledDatasetId): ExperimentImages {
  const spec = DATASET_CATALOG[id];
  const files = new Map(
    splitFiles(spec, 'test').map((f) => {
      const path = join(dataDir, id, f.name);
      const gz = readFileSync(path);
      assertGzip(gz, path);
      const raw = gunzipSync(gz);
      return [f.name, new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength)] as const;
    }),
  );
  return toExperimentImages(parseDataset(spec, 'test', files));
}

/** Refuses test images whose shape is not the model's input (the manifest's inputShape). */
export function assertShape(
  shape: readonly number[],
  inputShape: readonly number[],
  id: string,
): void {
  if (shape.join('x') !== inputShape.join('x')) {
    throw new Error(
      `${id} takes ${inputShape.join('x')} images, its test set has ${shape.join('x')}`,
    );
  }
}

export function imageOf(set: ExperimentImages, i: number): LabelledImage {
  const [h, w, c] = set.shape;
  const size = h * w * c;
  return {
    image: { data: set.data.slice(i * size, (i + 1) * size), height: h, width: w, channels: c },
    label: set.labels[i] ?? 0,
  };
}
