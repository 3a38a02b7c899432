/**
 * Whether a picture file is whole, read from its structure before any decoding: browsers draw
 * what they could decode of a cut-off file (the rest blank) without an error from an <img>, so
 * a truncated download would otherwise become a blank picture that the model classifies.
 * Walks PNG chunks, JPEG segments and scans, GIF blocks, WebP's RIFF chunks and BMP's pixel
 * rows; other formats are left to the decoder.
 */
import type { SniffedFormat } from './sniff';

const ascii = (b: Uint8Array, at: number, n: number) =>
  String.fromCharCode(...b.subarray(at, at + n));
const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32be = (b: Uint8Array, at: number) => u16be(b, at) * 65536 + u16be(b, at + 2);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32le = (b: Uint8Array, at: number) => u16le(b, at) + u16le(b, at + 2) * 65536;
const i32le = (b: Uint8Array, at: number) => u32le(b, at) | 0;

const ENDS_EARLY = 'the file ends early (it was cut off, e.g. by an interrupted download or copy)';

function pngDamage(b: Uint8Array): string | null {
  let at = 8;
  let sawData = false;
  while (at + 12 <= b.length) {
    const length = u32be(b, at);
    if (length > 0x7fffffff) return 'a PNG chunk has an impossible length';
    const type = ascii(b, at + 4, 4);
    const next = at + 12 + length;
    if (next > b.length) return ENDS_EARLY;
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') return sawData ? null : 'it holds no image data';
    at = next;
  }
  return ENDS_EARLY;
}

/** Skips a JPEG scan's entropy-coded bytes; returns the offset of the marker that ends it. */
function skipScan(b: Uint8Array, from: number): number {
  let at = from;
  while (at + 1 < b.length) {
    if (b[at] !== 0xff) {
      at++;
      continue;
    }
    const next = b[at + 1] ?? 0;
    // 0xFF00 is a stuffed data byte, RSTn restart markers and 0xFF fill bytes belong to the scan
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) at += 2;
    else if (next === 0xff) at++;
    else return at;
  }
  return b.length;
}

/** Walks segments and scans (progressive files have several) up to the end-of-image marker. */
function jpegDamage(b: Uint8Array): string | null {
  let at = 2;
  let sawFrame = false;
  while (at + 1 < b.length) {
    if (b[at] !== 0xff) {
      at++; // stray bytes between segments: decoders skip them to the next marker, so do we
      continue;
    }
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte before a marker
      continue;
    }
    if (marker === 0xd9) return sawFrame ? null : 'it holds no image frame';
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (at + 4 > b.length) return ENDS_EARLY;
    const next = at + 2 + u16be(b, at + 2);
    if (next > b.length) return ENDS_EARLY;
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) sawFrame = true;
    if (marker === 0xda) {
      if (!sawFrame) return 'its image data comes before any image frame';
      at = skipScan(b, next);
    } else {
      at = next;
    }
  }
  return ENDS_EARLY;
}

/** Every block whole; a file that stops cleanly after a block (no trailer) is accepted, as browsers do. */
function gifDamage(b: Uint8Array): string | null {
  let at = 13;
  const flags = b[10] ?? 0;
  if (flags & 0x80) at += 3 * 2 ** ((flags & 7) + 1);
  if (at > b.length) return ENDS_EARLY;
  let frames = 0;
  /** past a chain of sub-blocks and its terminator, or -1 when the file ends inside it */
  const skipSubBlocks = (from: number): number => {
    let p = from;
    while (p < b.length && b[p] !== 0) p += (b[p] ?? 0) + 1;
    return p < b.length ? p + 1 : -1;
  };
  while (at < b.length) {
    const block = b[at];
    if (block === 0x3b) break;
    if (block === 0x21) {
      if (at + 2 > b.length) return ENDS_EARLY;
      at = skipSubBlocks(at + 2);
    } else if (block === 0x2c) {
      if (at + 10 > b.length) return ENDS_EARLY;
      const local = b[at + 9] ?? 0;
      at += 10;
      if (local & 0x80) at += 3 * 2 ** ((local & 7) + 1);
      at = at + 1 > b.length ? -1 : skipSubBlocks(at + 1); // after the LZW minimum code size
      frames++;
    } else {
      return 'it holds an unknown block';
    }
    if (at < 0) return ENDS_EARLY;
  }
  return frames > 0 ? null : 'it holds no image';
}

function webpDamage(b: Uint8Array): string | null {
  const end = 8 + u32le(b, 4);
  if (end > b.length) return ENDS_EARLY;
  let at = 12;
  while (at + 8 <= end) {
    const size = u32le(b, at + 4);
    at += 8 + size + (size % 2); // chunks are padded to an even size
    if (at > end) return ENDS_EARLY;
  }
  return at === end ? null : ENDS_EARLY;
}

/** Uncompressed BMPs: the rows the header promises; compressed ones by their stated data size. */
function bmpDamage(b: Uint8Array): string | null {
  if (b.length < 26) return ENDS_EARLY;
  const dataStart = u32le(b, 10);
  const headerSize = u32le(b, 14);
  let needed: number;
  if (headerSize === 12) {
    const stride = Math.ceil((u16le(b, 18) * u16le(b, 24)) / 32) * 4;
    needed = dataStart + stride * u16le(b, 20);
  } else {
    if (b.length < 38) return ENDS_EARLY;
    const compression = u32le(b, 30);
    if (compression === 0 || compression === 3 || compression === 6) {
      const stride = Math.ceil((Math.abs(i32le(b, 18)) * u16le(b, 28)) / 32) * 4;
      needed = dataStart + stride * Math.abs(i32le(b, 22));
    } else {
      needed = dataStart + u32le(b, 34);
    }
  }
  return needed > b.length ? ENDS_EARLY : null;
}

/**
 * What is structurally wrong with a file of the sniffed format ("the file ends early ..."), or
 * null when it is whole (or is a format this does not walk).
 */
export function findDamage(bytes: Uint8Array, format: SniffedFormat): string | null {
  switch (format) {
    case 'png':
      return pngDamage(bytes);
    case 'jpeg':
      return jpegDamage(bytes);
    case 'gif':
      return gifDamage(bytes);
    case 'webp':
      return webpDamage(bytes);
    case 'bmp':
      return bmpDamage(bytes);
    default:
      return null;
  }
}
