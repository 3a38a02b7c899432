/**
 * Small synthetic datasets for tests, in the real file layouts, with a catalog whose checksums
 * are those of the synthetic files. Never real dataset bytes.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { encodeCifarRecords } from '../../src/shared/cifarRecords';
import type { BundledDatasetId } from '../../src/shared/dataset';
import {
  CIFAR10,
  DATASET_CATALOG,
  MNIST,
  type CifarDatasetSpec,
  type DatasetSpec,
  type IdxDatasetSpec,
} from '../../src/shared/datasetCatalog';
import { encodeIdxImages, encodeIdxLabels } from '../../src/shared/idx';
import { createRng } from '../../src/shared/rng';
import { writeTar } from '../../src/shared/tar';

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
export const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

export interface SyntheticSplit {
  pixels: Uint8Array;
  labels: Uint8Array;
}

function randomBytes(n: number, max: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  return new Uint8Array(n).map(() => Math.floor(rng.next() * (max + 1)));
}

export interface SyntheticIdx {
  spec: IdxDatasetSpec;
  /** .gz bytes by file name */
  gz: Map<string, Uint8Array>;
  splits: Record<'train' | 'test', SyntheticSplit>;
}

/** Synthetic files in the layout of `base` (28 x 28, `counts` images), with a spec of their sums. */
export function syntheticIdx(
  base: IdxDatasetSpec = MNIST,
  counts = { train: 6, test: 4 },
  seed = 1,
): SyntheticIdx {
  const gz = new Map<string, Uint8Array>();
  const splits = {} as Record<'train' | 'test', SyntheticSplit>;
  for (const split of ['train', 'test'] as const) {
    const count = counts[split];
    const pixels = randomBytes(count * 784, 255, seed + (split === 'train' ? 0 : 100));
    const labels = randomBytes(count, 9, seed + (split === 'train' ? 1 : 101));
    splits[split] = { pixels, labels };
    const prefix = split === 'train' ? 'train' : 't10k';
    gz.set(
      `${prefix}-images-idx3-ubyte.gz`,
      gzipSync(encodeIdxImages({ count, height: 28, width: 28, pixels })),
    );
    gz.set(`${prefix}-labels-idx1-ubyte.gz`, gzipSync(encodeIdxLabels(labels)));
  }
  const spec: IdxDatasetSpec = {
    ...base,
    counts,
    files: base.files.map((f) => ({
      ...f,
      knownSums: [{ sha256: sha256(gz.get(f.name) ?? new Uint8Array()), variant: 'original' }],
    })),
    mirrors: [],
  };
  return { spec, gz, splits };
}

export interface SyntheticCifar {
  spec: CifarDatasetSpec;
  /** cifar-10-binary.tar.gz */
  archive: Uint8Array;
  splits: Record<'train' | 'test', SyntheticSplit & { records: Uint8Array }>;
}

/** A CIFAR-10 binary archive with `perBatch` records in each of the six batch files. */
export function syntheticCifarArchive(perBatch = 2, seed = 5): SyntheticCifar {
  const batches = [1, 2, 3, 4, 5, 6].map((b) => {
    const pixels = randomBytes(perBatch * 3072, 255, seed + b);
    const labels = randomBytes(perBatch, 9, seed + 10 + b);
    return { pixels, labels, records: encodeCifarRecords({ count: perBatch, pixels, labels }) };
  });
  const concat = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
  const train = batches.slice(0, 5);
  const test = batches.slice(5);
  const names = [...CIFAR10.archive.members.train, ...CIFAR10.archive.members.test];
  const tar = writeTar(
    names.map((name, i) => ({ name, data: batches[i]?.records ?? new Uint8Array() })),
  );
  const archive = gzipSync(tar);
  const spec: CifarDatasetSpec = {
    ...CIFAR10,
    counts: { train: 5 * perBatch, test: perBatch },
    archive: {
      ...CIFAR10.archive,
      bytes: archive.length,
      sha256: sha256(archive),
      md5: md5(archive),
    },
  };
  const split = (parts: typeof batches) => ({
    pixels: concat(parts.map((p) => p.pixels)),
    labels: concat(parts.map((p) => p.labels)),
    records: concat(parts.map((p) => p.records)),
  });
  return { spec, archive, splits: { train: split(train), test: split(test) } };
}

/** The real catalog with some entries replaced. */
export function catalogWith(
  ...specs: DatasetSpec[]
): Readonly<Record<BundledDatasetId, DatasetSpec>> {
  const catalog = { ...DATASET_CATALOG };
  for (const s of specs) catalog[s.id] = s;
  return catalog;
}
