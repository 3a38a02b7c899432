/**
 * public/data/index.json: which test sets the data step put next to the app, so the app offers
 * only those (CIFAR-10 may be missing when it could not be fetched).
 */
import { DataFormatError } from './dataFormatError';
import { BUNDLED_DATASET_IDS, type BundledDatasetId } from './dataset';
import type { DataVariant, FileRole } from './datasetCatalog';

export interface PublicDataFile {
  role: FileRole;
  /** relative to the data/ folder, e.g. "mnist/t10k-images-idx3-ubyte.gz" */
  path: string;
  bytes: number;
  sha256: string;
}

export interface PublicDatasetEntry {
  id: BundledDatasetId;
  title: string;
  split: 'test';
  count: number;
  height: number;
  width: number;
  channels: number;
  classNames: string[];
  variant: DataVariant;
  note: string;
  files: PublicDataFile[];
  /** the training split, for the Training lab (only the datasets it trains on) */
  training?: { count: number; files: PublicDataFile[] };
}

export interface PublicDataIndex {
  version: 1;
  datasets: PublicDatasetEntry[];
  /** datasets the data step could not provide, with the reason */
  skipped: { id: BundledDatasetId; reason: string }[];
}

type Obj = Record<string, unknown>;

function obj(v: unknown, where: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new DataFormatError(`data index: ${where} is not an object.`);
  }
  return v as Obj;
}

function str(v: unknown, where: string): string {
  if (typeof v !== 'string') throw new DataFormatError(`data index: ${where} is not a string.`);
  return v;
}

function count(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new DataFormatError(`data index: ${where} is not a whole number.`);
  }
  return v;
}

function arr(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new DataFormatError(`data index: ${where} is not a list.`);
  return v;
}

function datasetId(v: unknown, where: string): BundledDatasetId {
  const id = BUNDLED_DATASET_IDS.find((d) => d === v);
  if (!id) throw new DataFormatError(`data index: ${where} is not a known dataset (${String(v)}).`);
  return id;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], where: string): T {
  const hit = allowed.find((a) => a === v);
  if (hit === undefined) {
    throw new DataFormatError(`data index: ${where} must be one of ${allowed.join(', ')}.`);
  }
  return hit;
}

function parseFile(v: unknown, where: string): PublicDataFile {
  const o = obj(v, where);
  return {
    role: oneOf(o.role, ['images', 'labels', 'records'] as const, `${where}.role`),
    path: str(o.path, `${where}.path`),
    bytes: count(o.bytes, `${where}.bytes`),
    sha256: str(o.sha256, `${where}.sha256`),
  };
}

function parseEntry(v: unknown, where: string): PublicDatasetEntry {
  const o = obj(v, where);
  return {
    id: datasetId(o.id, `${where}.id`),
    title: str(o.title, `${where}.title`),
    split: oneOf(o.split, ['test'] as const, `${where}.split`),
    count: count(o.count, `${where}.count`),
    height: count(o.height, `${where}.height`),
    width: count(o.width, `${where}.width`),
    channels: count(o.channels, `${where}.channels`),
    classNames: arr(o.classNames, `${where}.classNames`).map((c, i) =>
      str(c, `${where}.classNames[${i}]`),
    ),
    variant: oneOf(
      o.variant,
      ['original', 'debian-repack', 'jpeg-decoded'] as const,
      `${where}.variant`,
    ),
    note: str(o.note, `${where}.note`),
    files: arr(o.files, `${where}.files`).map((f, i) => parseFile(f, `${where}.files[${i}]`)),
    ...(o.training === undefined
      ? {}
      : { training: parseTraining(o.training, `${where}.training`) }),
  };
}

function parseTraining(v: unknown, where: string): { count: number; files: PublicDataFile[] } {
  const o = obj(v, where);
  return {
    count: count(o.count, `${where}.count`),
    files: arr(o.files, `${where}.files`).map((f, i) => parseFile(f, `${where}.files[${i}]`)),
  };
}

/** Checks parsed JSON against the PublicDataIndex shape; throws DataFormatError naming the field. */
export function parsePublicDataIndex(json: unknown): PublicDataIndex {
  const o = obj(json, 'index');
  if (o.version !== 1)
    throw new DataFormatError(`data index: version ${String(o.version)}, expected 1.`);
  return {
    version: 1,
    datasets: arr(o.datasets, 'datasets').map((e, i) => parseEntry(e, `datasets[${i}]`)),
    skipped: arr(o.skipped ?? [], 'skipped').map((s, i) => {
      const so = obj(s, `skipped[${i}]`);
      return {
        id: datasetId(so.id, `skipped[${i}].id`),
        reason: str(so.reason, `skipped[${i}].reason`),
      };
    }),
  };
}
