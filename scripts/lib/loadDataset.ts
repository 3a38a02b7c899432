/**
 * Loads a dataset split for Node scripts (training, evaluation, benchmarks) from data/<id>/,
 * running the data step for it first when its files are missing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { BundledDatasetId, Dataset, DatasetSplit } from '../../src/shared/dataset';
import { splitFiles } from '../../src/shared/datasetCatalog';
import { assertGzip } from '../../src/shared/gzip';
import { parseDataset } from '../../src/shared/parseDataset';
import { isPrepared } from './datasetManifest';
import { resolveDataDirs, runDataStep, type DataStepOptions } from './dataStep';

const gunzipAsync = promisify(gunzip);

async function readGz(path: string, name: string): Promise<Uint8Array> {
  const gz = await readFile(path);
  assertGzip(gz, path);
  try {
    const raw = await gunzipAsync(gz);
    return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  } catch (err) {
    throw new Error(`${name}: cannot gunzip ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** `options` picks other folders or a test catalog; the defaults are the repository's. */
export async function loadDataset(
  id: BundledDatasetId,
  split: DatasetSplit,
  options: DataStepOptions = {},
): Promise<Dataset> {
  const { outDir, publicDir, catalog } = resolveDataDirs(options);
  const spec = catalog[id];
  if (!isPrepared(spec, outDir, publicDir)) {
    const step = await runDataStep({ ...options, only: [id] });
    const failure = step.failed[0];
    if (failure) throw failure.error;
  }
  const files = splitFiles(spec, split);
  const raw = await Promise.all(
    files.map(async (f) => [f.name, await readGz(join(outDir, id, f.name), f.name)] as const),
  );
  return parseDataset(spec, split, new Map(raw));
}
