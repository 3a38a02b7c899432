/**
 * Gzip detection only (RFC 1952 member header: ID1 0x1f, ID2 0x8b, CM 8 = deflate). The actual
 * inflating is done by node:zlib in scripts and by DecompressionStream in the browser.
 */
import { DataFormatError } from './dataFormatError';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 8;
}

/** Throws a DataFormatError naming the file when `bytes` do not start like a gzip stream. */
export function assertGzip(bytes: Uint8Array, fileName: string): void {
  if (isGzip(bytes)) return;
  const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new DataFormatError(
    `${fileName} is not gzip data: it starts with [${head}] (${bytes.length} bytes), ` +
      'gzip starts with [1f 8b 08].',
  );
}
