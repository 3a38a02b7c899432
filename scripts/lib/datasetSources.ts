/**
 * Where each dataset can come from, in the order we try: the folder an environment variable
 * names, a local copy on this machine, then the public download.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundledDatasetId } from '../../src/shared/dataset';
import type { DatasetSpec } from '../../src/shared/datasetCatalog';

export type DataSource =
  /** a folder with the catalog's .gz files (CIFAR-10: or the original archive) */
  | { kind: 'dir'; dir: string; label: string }
  /** IDX files fetched one by one; each base URL is tried in turn */
  | { kind: 'mirrors'; baseUrls: string[]; label: string }
  /** the original CIFAR-10 binary archive */
  | { kind: 'archive'; url: string; label: string };

export type Env = Readonly<Record<string, string | undefined>>;

interface SourceNames {
  /** environment variable naming a local folder */
  dirVar: string;
  /** environment variable replacing the download location */
  urlVar: string;
  /** a local copy that may exist on this machine */
  localDir: (root: string) => string;
}

export const SOURCE_NAMES: Readonly<Record<BundledDatasetId, SourceNames>> = {
  mnist: {
    dirVar: 'MNIST_DIR',
    urlVar: 'MNIST_MIRROR',
    localDir: (root) => resolve(root, '..', 'shared', 'data', 'mnist'),
  },
  'fashion-mnist': {
    dirVar: 'FASHION_MNIST_DIR',
    urlVar: 'FASHION_MNIST_MIRROR',
    localDir: () => '/usr/share/datasets/fashion-mnist',
  },
  cifar10: {
    dirVar: 'CIFAR10_DIR',
    urlVar: 'CIFAR10_URL',
    localDir: (root) => resolve(root, '..', 'shared', 'data', 'cifar10'),
  },
};

/** DATA_OFFLINE=1 turns every download off. */
export const OFFLINE_VAR = 'DATA_OFFLINE';

/** The repository root (this file is scripts/lib/datasetSources.ts). */
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export function dataSources(spec: DatasetSpec, env: Env, root: string): DataSource[] {
  const names = SOURCE_NAMES[spec.id];
  const sources: DataSource[] = [];
  const envDir = env[names.dirVar];
  if (envDir)
    sources.push({ kind: 'dir', dir: resolve(envDir), label: `${names.dirVar}=${envDir}` });
  const local = names.localDir(root);
  if (existsSync(local)) sources.push({ kind: 'dir', dir: local, label: local });
  if (env[OFFLINE_VAR] === '1') return sources;
  const override = env[names.urlVar];
  if (spec.format === 'idx') {
    const baseUrls = override
      ? override.split(',').map((u) => withSlash(u.trim()))
      : [...spec.mirrors];
    sources.push({ kind: 'mirrors', baseUrls, label: baseUrls.join(' or ') });
  } else {
    const url = override ?? spec.archive.url;
    sources.push({ kind: 'archive', url, label: url });
  }
  return sources;
}
