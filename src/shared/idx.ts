/**
 * The IDX format of MNIST and Fashion-MNIST (already gunzipped). A file is a 4-byte magic
 * [0, 0, type, ndims], then ndims big-endian uint32 sizes, then exactly prod(sizes) values.
 * We only need unsigned bytes (type 0x08): images are 3-d (count, rows, cols), labels 1-d.
 */
import { DataFormatError } from './dataFormatError';

export { isGzip, assertGzip } from './gzip';

export const IDX_UBYTE = 0x08;
export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

export interface IdxImages {
  count: number;
  height: number;
  width: number;
  /** count*height*width bytes, row-major, one image after another (a view, not a copy) */
  pixels: Uint8Array;
}

const TYPE_NAMES: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};

function hex32(n: number): string {
  return '0x' + (n >>> 0).toString(16).padStart(8, '0');
}

/** Reads the header of an unsigned-byte IDX file with `ndims` dimensions and checks the size. */
function readUbyteIdx(
  bytes: Uint8Array,
  ndims: number,
  fileName: string,
): { dims: number[]; body: Uint8Array } {
  const expectedMagic = (IDX_UBYTE << 8) | ndims;
  if (bytes.length < 4) {
    throw new DataFormatError(
      `${fileName}: only ${bytes.length} bytes, too short for an IDX header (magic ${hex32(expectedMagic)}).`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== expectedMagic) {
    const [zero0, zero1, type, dimsFound] = [bytes[0], bytes[1], bytes[2] ?? 0, bytes[3] ?? 0];
    let why = 'not an IDX file';
    if (zero0 === 0 && zero1 === 0 && type !== IDX_UBYTE) {
      why = `IDX of ${TYPE_NAMES[type] ?? `unknown type 0x${type.toString(16)}`}, expected unsigned bytes`;
    } else if (zero0 === 0 && zero1 === 0) {
      why = `IDX with ${dimsFound} dimensions, expected ${ndims}`;
    } else if (zero0 === 0x1f && zero1 === 0x8b) {
      why = 'still gzip-compressed';
    }
    throw new DataFormatError(
      `${fileName}: magic ${hex32(magic)}, expected ${hex32(expectedMagic)} (${why}).`,
    );
  }
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw new DataFormatError(
      `${fileName}: truncated header, ${bytes.length} of ${headerBytes} bytes.`,
    );
  }
  const dims: number[] = [];
  for (let d = 0; d < ndims; d++) dims.push(view.getUint32(4 + 4 * d));
  // Doubles are exact up to 2^53; any product beyond the file length is rejected below anyway.
  const bodyBytes = dims.reduce((a, b) => a * b, 1);
  const actual = bytes.length - headerBytes;
  if (actual !== bodyBytes) {
    const shape = dims.join(' x ');
    const what = actual < bodyBytes ? 'truncated' : 'trailing bytes';
    throw new DataFormatError(
      `${fileName}: ${what}: header says ${shape} = ${bodyBytes} bytes of data, file has ${actual}.`,
    );
  }
  return { dims, body: bytes.subarray(headerBytes) };
}

/** Parses an IDX3 unsigned-byte image file (magic 0x00000803). */
export function parseIdxImages(bytes: Uint8Array, fileName = 'IDX images file'): IdxImages {
  const { dims, body } = readUbyteIdx(bytes, 3, fileName);
  const [count = 0, height = 0, width = 0] = dims;
  if (height === 0 || width === 0) {
    throw new DataFormatError(`${fileName}: images of ${height} x ${width} pixels.`);
  }
  return { count, height, width, pixels: body };
}

/** Parses an IDX1 unsigned-byte label file (magic 0x00000801); returns a view of the labels. */
export function parseIdxLabels(bytes: Uint8Array, fileName = 'IDX labels file'): Uint8Array {
  return readUbyteIdx(bytes, 1, fileName).body;
}

function encodeUbyteIdx(dims: number[], body: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, (IDX_UBYTE << 8) | dims.length);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(body, 4 + 4 * dims.length);
  return out;
}

/** Writes an IDX3 image file; the inverse of parseIdxImages (used for synthetic test data). */
export function encodeIdxImages(images: IdxImages): Uint8Array {
  const { count, height, width, pixels } = images;
  if (pixels.length !== count * height * width) {
    throw new RangeError(`${pixels.length} pixels for ${count} x ${height} x ${width} images.`);
  }
  return encodeUbyteIdx([count, height, width], pixels);
}

/** Writes an IDX1 label file; the inverse of parseIdxLabels. */
export function encodeIdxLabels(labels: Uint8Array): Uint8Array {
  return encodeUbyteIdx([labels.length], labels);
}
