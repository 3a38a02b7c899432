/**
 * The whole data step (`npm run data`): prepare each dataset, then describe the test sets in
 * public/data/index.json. Shared by scripts/data.ts, scripts/ensure-data.ts and loadDataset.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_DATASET_IDS, type BundledDatasetId } from '../../src/shared/dataset';
import { DATASET_CATALOG, type DatasetSpec } from '../../src/shared/datasetCatalog';
import { parsePublicDataIndex, type PublicDataIndex } from '../../src/shared/publicDataIndex';
import { isPrepared } from './datasetManifest';
import { repoRoot, type Env } from './datasetSources';
import type { DownloadOptions } from './download';
import { prepareDataset, type PrepareResult } from './prepareDataset';
import { PUBLIC_INDEX_NAME, buildPublicIndex, writePublicIndex } from './publicIndex';

export interface DataStepOptions {
  only?: readonly BundledDatasetId[];
  force?: boolean;
  /** default <repo>/data */
  outDir?: string;
  /** default <repo>/public/data */
  publicDir?: string;
  root?: string;
  env?: Env;
  /** replaces the built-in catalog (tests use synthetic files and sums) */
  catalog?: Readonly<Record<BundledDatasetId, DatasetSpec>>;
  download?: DownloadOptions;
  log?: (line: string) => void;
}

export interface DataStepResult {
  results: { id: BundledDatasetId; result: PrepareResult }[];
  failed: { id: BundledDatasetId; error: Error }[];
}

interface Resolved {
  outDir: string;
  publicDir: string;
  root: string;
  catalog: Readonly<Record<BundledDatasetId, DatasetSpec>>;
}

export function resolveDataDirs(opts: DataStepOptions = {}): Resolved {
  const root = opts.root ?? repoRoot();
  return {
    root,
    outDir: opts.outDir ?? join(root, 'data'),
    publicDir: opts.publicDir ?? join(root, 'public', 'data'),
    catalog: opts.catalog ?? DATASET_CATALOG,
  };
}

function readIndex(publicDir: string): PublicDataIndex | undefined {
  try {
    return parsePublicDataIndex(
      JSON.parse(readFileSync(join(publicDir, PUBLIC_INDEX_NAME), 'utf8')),
    );
  } catch {
    return undefined;
  }
}

/** The datasets whose outputs are missing or incomplete (no hashing: fast). */
export function missingDatasets(opts: DataStepOptions = {}): BundledDatasetId[] {
  const { outDir, publicDir, catalog } = resolveDataDirs(opts);
  const ids = opts.only ?? BUNDLED_DATASET_IDS;
  const index = readIndex(publicDir);
  return ids.filter((id) => {
    const spec = catalog[id];
    return !isPrepared(spec, outDir, publicDir) || !index?.datasets.some((d) => d.id === id);
  });
}

export async function runDataStep(opts: DataStepOptions = {}): Promise<DataStepResult> {
  const { outDir, publicDir, root, catalog } = resolveDataDirs(opts);
  const log = opts.log ?? (() => {});
  const step: DataStepResult = { results: [], failed: [] };
  for (const id of opts.only ?? BUNDLED_DATASET_IDS) {
    try {
      const result = await prepareDataset(catalog[id], {
        outDir,
        publicDir,
        root,
        env: opts.env ?? process.env,
        force: opts.force,
        download: opts.download,
        log,
      });
      step.results.push({ id, result });
    } catch (err) {
      step.failed.push({ id, error: err instanceof Error ? err : new Error(String(err)) });
    }
  }
  // Datasets not run this time keep the reason they were skipped before.
  const ran = new Set(opts.only ?? BUNDLED_DATASET_IDS);
  const skipped = [
    ...(readIndex(publicDir)?.skipped.filter((s) => !ran.has(s.id)) ?? []),
    ...step.failed.map((f) => ({ id: f.id, reason: f.error.message })),
  ];
  const specs = BUNDLED_DATASET_IDS.map((id) => catalog[id]);
  await writePublicIndex(publicDir, buildPublicIndex(specs, outDir, publicDir, skipped));
  return step;
}
