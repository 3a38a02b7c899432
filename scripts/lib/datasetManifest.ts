/**
 * data/<id>/manifest.json: written last by the data step, it says which verified files are
 * there and where they came from. Its presence (with files of the recorded sizes) is what
 * "prepared" means.
 */
import { readFileSync, statSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetSplit } from '../../src/shared/dataset';
import type { DatasetSpec, DataVariant, FileRole } from '../../src/shared/datasetCatalog';
import { LAB_DATASETS } from '../../src/engine/trainingTypes';
import { tempPath } from './placeFile';

export interface ManifestFile {
  name: string;
  split: DatasetSplit;
  role: FileRole;
  bytes: number;
  sha256: string;
  variant: DataVariant;
}

export interface DatasetManifest {
  id: string;
  title: string;
  /** where the bytes came from: a folder or URL(s) */
  source: string;
  preparedAt: string;
  files: ManifestFile[];
}

export const MANIFEST_NAME = 'manifest.json';

export function datasetDir(outDir: string, spec: DatasetSpec): string {
  return join(outDir, spec.id);
}

export function readManifest(outDir: string, spec: DatasetSpec): DatasetManifest | undefined {
  try {
    const m = JSON.parse(
      readFileSync(join(datasetDir(outDir, spec), MANIFEST_NAME), 'utf8'),
    ) as DatasetManifest;
    return m.id === spec.id && Array.isArray(m.files) ? m : undefined;
  } catch {
    return undefined;
  }
}

export async function writeManifest(outDir: string, m: DatasetManifest): Promise<void> {
  const path = join(outDir, m.id, MANIFEST_NAME);
  const tmp = tempPath(path);
  await writeFile(tmp, JSON.stringify(m, null, 2) + '\n');
  await rename(tmp, path);
}

function hasSize(path: string, bytes: number): boolean {
  try {
    return statSync(path).size === bytes;
  } catch {
    return false;
  }
}

/** Cheap check (no hashing): the manifest lists every catalog file, each in data/<id>/ with its size. */
export function dataFilesPresent(spec: DatasetSpec, outDir: string): DatasetManifest | undefined {
  const m = readManifest(outDir, spec);
  const ok =
    m &&
    spec.files.every((f) => {
      const entry = m.files.find((e) => e.name === f.name);
      return entry !== undefined && hasSize(join(outDir, spec.id, f.name), entry.bytes);
    });
  return ok ? m : undefined;
}

/**
 * Whether a file goes next to the app in public/data/<id>/: every test file, and the training
 * files of the datasets the Training lab trains on (CIFAR-10's 144 MB stay out).
 */
export function servedToApp(id: string, split: DatasetSplit): boolean {
  return split === 'test' || LAB_DATASETS.some((d) => d === id);
}

/** The files the app is served (servedToApp) are in public/data/<id>/ with their sizes. */
export function publicFilesPresent(m: DatasetManifest, publicDir: string): boolean {
  return m.files
    .filter((f) => servedToApp(m.id, f.split))
    .every((f) => hasSize(join(publicDir, m.id, f.name), f.bytes));
}

/** data/<id>/ and public/data/<id>/ are complete (no hashing: fast). */
export function isPrepared(spec: DatasetSpec, outDir: string, publicDir: string): boolean {
  const m = dataFilesPresent(spec, outDir);
  return m !== undefined && publicFilesPresent(m, publicDir);
}
