/**
 * Builds a Dataset from the gunzipped bytes of its files, checking them against the catalog:
 * shape, image/label counts and label range.
 */
import { parseCifarRecords } from './cifarRecords';
import { DataFormatError } from './dataFormatError';
import type { Dataset, DatasetSplit } from './dataset';
import { fileFor, type DatasetSpec } from './datasetCatalog';
import { parseIdxImages, parseIdxLabels } from './idx';

/** Gunzipped file contents, keyed by file name (DataFileSpec.name). */
export type RawFiles = ReadonlyMap<string, Uint8Array>;

function take(files: RawFiles, name: string, spec: DatasetSpec): Uint8Array {
  const bytes = files.get(name);
  if (!bytes) throw new DataFormatError(`${spec.id}: file ${name} is missing.`);
  return bytes;
}

function checkLabels(labels: Uint8Array, classes: number, fileName: string): void {
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? 0;
    if (label >= classes) {
      throw new DataFormatError(`${fileName}: label ${i} is ${label}, expected 0-${classes - 1}.`);
    }
  }
}

export function parseDataset(spec: DatasetSpec, split: DatasetSplit, files: RawFiles): Dataset {
  const classNames = [...spec.classNames];
  const base = { id: spec.id, split, classNames };
  if (spec.format === 'cifar-binary') {
    const name = fileFor(spec, split, 'records').name;
    const records = parseCifarRecords(take(files, name, spec), name);
    return { ...base, ...records, height: 32, width: 32, channels: 3 };
  }
  const imagesName = fileFor(spec, split, 'images').name;
  const labelsName = fileFor(spec, split, 'labels').name;
  const images = parseIdxImages(take(files, imagesName, spec), imagesName);
  const labels = parseIdxLabels(take(files, labelsName, spec), labelsName);
  if (images.height !== spec.height || images.width !== spec.width) {
    throw new DataFormatError(
      `${imagesName}: images are ${images.height} x ${images.width}, ` +
        `${spec.title} has ${spec.height} x ${spec.width}.`,
    );
  }
  if (labels.length !== images.count) {
    throw new DataFormatError(
      `${spec.id}/${split}: ${images.count} images in ${imagesName} but ` +
        `${labels.length} labels in ${labelsName}.`,
    );
  }
  checkLabels(labels, classNames.length, labelsName);
  return {
    ...base,
    count: images.count,
    height: images.height,
    width: images.width,
    channels: spec.channels,
    pixels: images.pixels,
    labels,
  };
}
