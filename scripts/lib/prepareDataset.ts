/**
 * The data step for one dataset: try its sources in order until one yields verified files, put
 * them in data/<id>/ (the files the app is served also in public/data/<id>/), then write data/<id>/manifest.json.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetSpec } from '../../src/shared/datasetCatalog';
import { DataSourceError } from './dataErrors';
import {
  MANIFEST_NAME,
  dataFilesPresent,
  datasetDir,
  publicFilesPresent,
  servedToApp,
  writeManifest,
  type DatasetManifest,
} from './datasetManifest';
import { dataSources, type Env } from './datasetSources';
import type { DownloadOptions } from './download';
import { fetchFromSource, type FetchedFile } from './fetchSource';
import { copyInto, linkOrCopy } from './placeFile';

export interface PrepareOptions {
  /** data/ */
  outDir: string;
  /** public/data/ */
  publicDir: string;
  /** the repository root, for the default local copies next to it */
  root: string;
  env: Env;
  /** redo it even when the outputs are there */
  force?: boolean;
  download?: DownloadOptions;
  log?: (line: string) => void;
}

export interface PrepareResult {
  manifest: DatasetManifest;
  /** false: the outputs were already there */
  changed: boolean;
}

async function place(spec: DatasetSpec, fetched: FetchedFile[], opts: PrepareOptions) {
  const dir = datasetDir(opts.outDir, spec);
  const publicDir = join(opts.publicDir, spec.id);
  await mkdir(publicDir, { recursive: true });
  for (const f of fetched) {
    const dest = join(dir, f.file.name);
    if (f.temporary) await rename(f.path, dest);
    else await copyInto(f.path, dest); // a copy: never a link to the source's files
    if (servedToApp(spec.id, f.file.split)) await linkOrCopy(dest, join(publicDir, f.file.name));
  }
}

export async function prepareDataset(
  spec: DatasetSpec,
  opts: PrepareOptions,
): Promise<PrepareResult> {
  const log = opts.log ?? (() => {});
  const dir = datasetDir(opts.outDir, spec);
  const existing = opts.force ? undefined : dataFilesPresent(spec, opts.outDir);
  if (existing && publicFilesPresent(existing, opts.publicDir)) {
    return { manifest: existing, changed: false };
  }
  if (existing) {
    // data/<id>/ is fine, only the app's copies are missing
    await mkdir(join(opts.publicDir, spec.id), { recursive: true });
    for (const f of existing.files.filter((e) => servedToApp(spec.id, e.split))) {
      await linkOrCopy(join(dir, f.name), join(opts.publicDir, spec.id, f.name));
    }
    log(`${spec.id}: restored public/data/${spec.id}/ from data/${spec.id}/`);
    return { manifest: existing, changed: true };
  }
  await mkdir(dir, { recursive: true });
  const ctx = { stageDir: dir, download: opts.download ?? {}, log };
  const attempts: string[] = [];
  for (const source of dataSources(spec, opts.env, opts.root)) {
    log(`${spec.id}: trying ${source.label}`);
    let fetched: FetchedFile[];
    try {
      fetched = await fetchFromSource(spec, source, ctx);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      log(`  ${why}`);
      attempts.push(`${source.label}: ${why}`);
      continue;
    }
    // No manifest while files are being replaced, so a crash never leaves a stale one.
    await rm(join(dir, MANIFEST_NAME), { force: true });
    await place(spec, fetched, opts);
    const manifest: DatasetManifest = {
      id: spec.id,
      title: spec.title,
      source: source.label,
      preparedAt: new Date().toISOString(),
      files: fetched.map((f) => ({
        name: f.file.name,
        split: f.file.split,
        role: f.file.role,
        bytes: f.bytes,
        sha256: f.sha256,
        variant: f.variant,
      })),
    };
    await writeManifest(opts.outDir, manifest);
    return { manifest, changed: true };
  }
  if (attempts.length === 0) attempts.push('no source configured (downloads are off)');
  throw new DataSourceError(spec.id, attempts);
}
