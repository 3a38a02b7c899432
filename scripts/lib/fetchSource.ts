/**
 * Gets a dataset's verified .gz files from one source. Nothing is put in place here: the result
 * says, per file, where the verified bytes are (the source folder, or a temporary file of ours).
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetSplit } from '../../src/shared/dataset';
import {
  fileFor,
  type CifarDatasetSpec,
  type DataFileSpec,
  type DataVariant,
  type DatasetSpec,
} from '../../src/shared/datasetCatalog';
import { buildFromCifarArchive } from './cifarArchive';
import { ChecksumError } from './dataErrors';
import type { DataSource } from './datasetSources';
import { downloadFile, type DownloadOptions } from './download';
import { hashFile, type FileDigest } from './fileHash';
import { tempPath } from './placeFile';

export interface FetchedFile {
  file: DataFileSpec;
  /** where the verified bytes are now */
  path: string;
  /** true: a temporary file of ours, to be moved; false: someone else's, to be linked/copied */
  temporary: boolean;
  sha256: string;
  bytes: number;
  variant: DataVariant;
}

export interface FetchContext {
  /** data/<id>/, where temporary files go */
  stageDir: string;
  download: DownloadOptions;
  log: (line: string) => void;
}

function verify(file: DataFileSpec, digest: FileDigest, from: string): DataVariant {
  const known = file.knownSums.find((k) => k.sha256 === digest.sha256);
  if (!known) {
    throw new ChecksumError(
      file.name,
      from,
      digest.sha256,
      file.knownSums.map((k) => `${k.sha256} (${k.variant})`),
    );
  }
  return known.variant;
}

async function fromDir(spec: DatasetSpec, dir: string, ctx: FetchContext): Promise<FetchedFile[]> {
  if (!existsSync(dir)) throw new Error(`folder ${dir} not found`);
  const missing = spec.files.filter((f) => !existsSync(join(dir, f.name)));
  if (missing.length > 0 && spec.format === 'cifar-binary') {
    const archive = join(dir, spec.archive.fileName);
    if (existsSync(archive)) return fromArchiveFile(spec, archive, archive, false, ctx);
  }
  if (missing.length > 0) {
    throw new Error(`${missing.map((f) => f.name).join(', ')} not in ${dir}`);
  }
  const fetched: FetchedFile[] = [];
  for (const file of spec.files) {
    const path = join(dir, file.name);
    const digest = await hashFile(path);
    const variant = verify(file, digest, path);
    fetched.push({ file, path, temporary: false, ...digest, variant });
  }
  return fetched;
}

async function fromMirrors(
  spec: DatasetSpec,
  baseUrls: string[],
  ctx: FetchContext,
): Promise<FetchedFile[]> {
  const fetched: FetchedFile[] = [];
  try {
    for (const file of spec.files) {
      const tmp = tempPath(join(ctx.stageDir, file.name));
      const failures: string[] = [];
      for (const base of baseUrls) {
        const url = base + file.name;
        try {
          ctx.log(`  downloading ${url}`);
          const digest = await downloadFile(url, tmp, ctx.download);
          const variant = verify(file, digest, url);
          fetched.push({ file, path: tmp, temporary: true, ...digest, variant });
          break;
        } catch (err) {
          await rm(tmp, { force: true });
          failures.push(err instanceof Error ? err.message : String(err));
        }
      }
      if (fetched.length === 0 || fetched[fetched.length - 1]?.file !== file) {
        throw new Error(failures.join('; '));
      }
    }
    return fetched;
  } catch (err) {
    await Promise.all(fetched.map((f) => rm(f.path, { force: true })));
    throw err;
  }
}

/** Verifies the archive (size, SHA-256 and the published MD5) and builds our two files. */
async function fromArchiveFile(
  spec: CifarDatasetSpec,
  archivePath: string,
  from: string,
  archiveIsOurs: boolean,
  ctx: FetchContext,
): Promise<FetchedFile[]> {
  const digest = await hashFile(archivePath);
  const name = spec.archive.fileName;
  const reject = (actual: string, expected: string, algorithm: string) =>
    new ChecksumError(name, from, actual, [expected], algorithm);
  try {
    if (digest.sha256 !== spec.archive.sha256) {
      throw reject(digest.sha256, spec.archive.sha256, 'SHA-256');
    }
    if (digest.md5 !== spec.archive.md5) throw reject(digest.md5, spec.archive.md5, 'MD5');
  } catch (err) {
    if (archiveIsOurs) await rm(archivePath, { force: true });
    throw err;
  }
  ctx.log(`  ${name} verified; extracting the records`);
  const destFor = (split: DatasetSplit) =>
    tempPath(join(ctx.stageDir, fileFor(spec, split, 'records').name));
  try {
    const built = await buildFromCifarArchive(spec, archivePath, destFor);
    const fetched: FetchedFile[] = [];
    for (const b of built) {
      const out = await hashFile(b.path);
      const file = fileFor(spec, b.split, 'records');
      fetched.push({ file, path: b.path, temporary: true, ...out, variant: 'original' });
    }
    return fetched;
  } catch (err) {
    await Promise.all((['train', 'test'] as const).map((s) => rm(destFor(s), { force: true })));
    throw err;
  } finally {
    if (archiveIsOurs) await rm(archivePath, { force: true });
  }
}

async function fromArchiveUrl(
  spec: CifarDatasetSpec,
  url: string,
  ctx: FetchContext,
): Promise<FetchedFile[]> {
  const tmp = tempPath(join(ctx.stageDir, spec.archive.fileName));
  ctx.log(`  downloading ${url} (${(spec.archive.bytes / 1e6).toFixed(0)} MB)`);
  await downloadFile(url, tmp, ctx.download);
  return fromArchiveFile(spec, tmp, url, true, ctx);
}

export async function fetchFromSource(
  spec: DatasetSpec,
  source: DataSource,
  ctx: FetchContext,
): Promise<FetchedFile[]> {
  switch (source.kind) {
    case 'dir':
      return fromDir(spec, source.dir, ctx);
    case 'mirrors':
      return fromMirrors(spec, source.baseUrls, ctx);
    case 'archive':
      if (spec.format !== 'cifar-binary') throw new Error(`${spec.id} has no archive`);
      return fromArchiveUrl(spec, source.url, ctx);
  }
}
