/** Writes public/data/index.json from the manifests of the datasets that are prepared. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundledDatasetId } from '../../src/shared/dataset';
import type { DatasetSpec } from '../../src/shared/datasetCatalog';
import type { PublicDataIndex, PublicDatasetEntry } from '../../src/shared/publicDataIndex';
import { isPrepared, readManifest, servedToApp } from './datasetManifest';
import { tempPath } from './placeFile';

export const PUBLIC_INDEX_NAME = 'index.json';

export function buildPublicIndex(
  specs: readonly DatasetSpec[],
  outDir: string,
  publicDir: string,
  skipped: { id: BundledDatasetId; reason: string }[],
): PublicDataIndex {
  const datasets: PublicDatasetEntry[] = [];
  for (const spec of specs) {
    const manifest = readManifest(outDir, spec);
    if (!manifest || !isPrepared(spec, outDir, publicDir)) continue;
    const testFiles = manifest.files.filter((f) => f.split === 'test');
    const trainFiles = manifest.files.filter(
      (f) => f.split === 'train' && servedToApp(spec.id, f.split),
    );
    const asPublic = (files: typeof testFiles) =>
      files.map((f) => ({
        role: f.role,
        path: `${spec.id}/${f.name}`,
        bytes: f.bytes,
        sha256: f.sha256,
      }));
    const variant = testFiles[0]?.variant ?? 'original';
    datasets.push({
      id: spec.id,
      title: spec.title,
      split: 'test',
      count: spec.counts.test,
      height: spec.height,
      width: spec.width,
      channels: spec.channels,
      classNames: [...spec.classNames],
      variant,
      note: spec.notes[variant] ?? '',
      files: asPublic(testFiles),
      ...(trainFiles.length > 0
        ? { training: { count: spec.counts.train, files: asPublic(trainFiles) } }
        : {}),
    });
  }
  const present = new Set(datasets.map((d) => d.id));
  return { version: 1, datasets, skipped: skipped.filter((s) => !present.has(s.id)) };
}

export async function writePublicIndex(publicDir: string, index: PublicDataIndex): Promise<void> {
  await mkdir(publicDir, { recursive: true });
  const path = join(publicDir, PUBLIC_INDEX_NAME);
  const tmp = tempPath(path);
  await writeFile(tmp, JSON.stringify(index, null, 2) + '\n');
  await rename(tmp, path);
}
