/**
 * Turns the original CIFAR-10 binary archive (already checksum-verified) into our layout:
 * train.bin.gz (data_batch_1..5 concatenated) and test.bin.gz (test_batch), gzip-compressed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { cifarLabels } from '../../src/shared/cifarRecords';
import { DataFormatError } from '../../src/shared/dataFormatError';
import type { DatasetSplit } from '../../src/shared/dataset';
import type { CifarDatasetSpec } from '../../src/shared/datasetCatalog';
import { readTar } from '../../src/shared/tar';

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

export interface BuiltFile {
  split: DatasetSplit;
  /** where the .gz was written */
  path: string;
}

/** Writes each split's records, gzip-compressed, to `destFor(split)`. */
export async function buildFromCifarArchive(
  spec: CifarDatasetSpec,
  archivePath: string,
  destFor: (split: DatasetSplit) => string,
): Promise<BuiltFile[]> {
  const tarBytes = new Uint8Array(await gunzipAsync(await readFile(archivePath)));
  const entries = readTar(tarBytes, spec.archive.fileName);
  const built: BuiltFile[] = [];
  for (const split of ['train', 'test'] as const) {
    const parts = spec.archive.members[split].map((name) => {
      const entry = entries.find((e) => e.name === name && e.type === 'file');
      if (!entry) {
        throw new DataFormatError(`${spec.archive.fileName} has no member ${name}.`);
      }
      cifarLabels(entry.data, name); // whole records, labels 0-9
      return entry.data;
    });
    const records = Buffer.concat(parts);
    const count = cifarLabels(records, `${split} records`).length;
    if (count !== spec.counts[split]) {
      throw new DataFormatError(
        `${spec.archive.fileName}: ${count} ${split} records, expected ${spec.counts[split]}.`,
      );
    }
    const path = destFor(split);
    await writeFile(path, await gzipAsync(records, { level: 6 }));
    built.push({ split, path });
  }
  return built;
}
