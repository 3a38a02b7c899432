/**
 * The first images of a test set whose files are still arriving (the app shows its first image
 * and attacks it before the rest of the set is in). The prefixes are cut to the images they
 * hold whole, with headers that say so, and read by the same parser as a whole set, so a
 * partial set is checked as strictly.
 */
import { CIFAR_RECORD_BYTES } from './cifarRecords';
import type { Dataset, DatasetSplit } from './dataset';
import { fileFor, type DatasetSpec } from './datasetCatalog';
import { parseDataset } from './parseDataset';
import type { RawFiles } from './parseDataset';

const IDX_IMAGES_HEADER = 16;
const IDX_LABELS_HEADER = 8;

/** `bytes`' first `count` records after an IDX header, with the header's count set to `count`. */
function idxPrefix(bytes: Uint8Array, header: number, recordBytes: number, count: number) {
  const out = bytes.slice(0, header + count * recordBytes);
  new DataView(out.buffer).setUint32(4, count);
  return out;
}

/**
 * A Dataset of the images the prefixes hold whole, once that is at least `want` of them (and the
 * labels for them are in); null before, or when the prefixes are not readable (the whole files'
 * parse will say why).
 */
export function datasetPrefix(
  spec: DatasetSpec,
  split: DatasetSplit,
  prefixes: RawFiles,
  want: number,
): Dataset | null {
  try {
    if (spec.format === 'cifar-binary') {
      const name = fileFor(spec, split, 'records').name;
      const bytes = prefixes.get(name);
      const count = bytes ? Math.floor(bytes.length / CIFAR_RECORD_BYTES) : 0;
      if (!bytes || count < Math.max(1, want)) return null;
      return parseDataset(
        spec,
        split,
        new Map([[name, bytes.subarray(0, count * CIFAR_RECORD_BYTES)]]),
      );
    }
    const imagesName = fileFor(spec, split, 'images').name;
    const labelsName = fileFor(spec, split, 'labels').name;
    const images = prefixes.get(imagesName);
    const labels = prefixes.get(labelsName);
    if (
      !images ||
      !labels ||
      images.length < IDX_IMAGES_HEADER ||
      labels.length < IDX_LABELS_HEADER
    )
      return null;
    const view = new DataView(images.buffer, images.byteOffset, images.byteLength);
    const imageBytes = view.getUint32(8) * view.getUint32(12);
    if (imageBytes === 0) return null;
    const count = Math.min(
      view.getUint32(4),
      Math.floor((images.length - IDX_IMAGES_HEADER) / imageBytes),
      labels.length - IDX_LABELS_HEADER,
    );
    if (count < Math.max(1, want)) return null;
    return parseDataset(
      spec,
      split,
      new Map([
        [imagesName, idxPrefix(images, IDX_IMAGES_HEADER, imageBytes, count)],
        [labelsName, idxPrefix(labels, IDX_LABELS_HEADER, 1, count)],
      ]),
    );
  } catch {
    return null;
  }
}
