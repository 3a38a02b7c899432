/**
 * The CIFAR-10 "binary version" layout: headerless 3073-byte records, each a label byte (0-9)
 * followed by the red, green and blue 32x32 planes (row-major). We turn the planes into
 * interleaved HWC pixels, the layout the engine uses.
 */
import { DataFormatError } from './dataFormatError';

export const CIFAR_SIDE = 32;
export const CIFAR_CHANNELS = 3;
export const CIFAR_PLANE = CIFAR_SIDE * CIFAR_SIDE;
export const CIFAR_RECORD_BYTES = 1 + CIFAR_CHANNELS * CIFAR_PLANE;
export const CIFAR_CLASSES = 10;

export interface CifarRecords {
  count: number;
  /** count x 32 x 32 x 3, HWC, RGB */
  pixels: Uint8Array;
  labels: Uint8Array;
}

/** Checks the record layout and returns the labels, without touching the pixels. */
export function cifarLabels(bytes: Uint8Array, fileName = 'CIFAR-10 records'): Uint8Array {
  if (bytes.length === 0 || bytes.length % CIFAR_RECORD_BYTES !== 0) {
    throw new DataFormatError(
      `${fileName}: ${bytes.length} bytes is not a whole number of ${CIFAR_RECORD_BYTES}-byte ` +
        `records (${Math.floor(bytes.length / CIFAR_RECORD_BYTES)} records and ` +
        `${bytes.length % CIFAR_RECORD_BYTES} bytes left over).`,
    );
  }
  const labels = new Uint8Array(bytes.length / CIFAR_RECORD_BYTES);
  for (let r = 0; r < labels.length; r++) {
    const label = bytes[r * CIFAR_RECORD_BYTES] ?? 0;
    if (label >= CIFAR_CLASSES) {
      throw new DataFormatError(
        `${fileName}: record ${r} (byte ${r * CIFAR_RECORD_BYTES}) has label ${label}, ` +
          `expected 0-${CIFAR_CLASSES - 1}.`,
      );
    }
    labels[r] = label;
  }
  return labels;
}

export function parseCifarRecords(bytes: Uint8Array, fileName = 'CIFAR-10 records'): CifarRecords {
  const labels = cifarLabels(bytes, fileName);
  const count = labels.length;
  const pixels = new Uint8Array(count * CIFAR_CHANNELS * CIFAR_PLANE);
  for (let r = 0; r < count; r++) {
    const red = r * CIFAR_RECORD_BYTES + 1;
    const green = red + CIFAR_PLANE;
    const blue = green + CIFAR_PLANE;
    // planes R, G, B -> interleaved RGB per pixel (indices are in range: length checked above)
    for (let p = 0, o = r * CIFAR_CHANNELS * CIFAR_PLANE; p < CIFAR_PLANE; p++, o += 3) {
      pixels[o] = bytes[red + p] as number;
      pixels[o + 1] = bytes[green + p] as number;
      pixels[o + 2] = bytes[blue + p] as number;
    }
  }
  return { count, pixels, labels };
}

/** The inverse of parseCifarRecords (used for synthetic test data). */
export function encodeCifarRecords(records: CifarRecords): Uint8Array {
  const { count, pixels, labels } = records;
  if (labels.length !== count || pixels.length !== count * CIFAR_CHANNELS * CIFAR_PLANE) {
    throw new RangeError(
      `${labels.length} labels and ${pixels.length} pixels for ${count} records.`,
    );
  }
  const out = new Uint8Array(count * CIFAR_RECORD_BYTES);
  for (let r = 0; r < count; r++) {
    const start = r * CIFAR_RECORD_BYTES;
    out[start] = labels[r] ?? 0;
    for (let c = 0; c < CIFAR_CHANNELS; c++) {
      for (let p = 0; p < CIFAR_PLANE; p++) {
        out[start + 1 + c * CIFAR_PLANE + p] =
          pixels[r * CIFAR_CHANNELS * CIFAR_PLANE + p * 3 + c] ?? 0;
      }
    }
  }
  return out;
}
