/**
 * What a file's first bytes say it is, and its size in pixels when the header tells it, so a
 * picture too large to decode safely is refused before the browser tries. Formats by their
 * magic numbers; sizes from PNG IHDR, JPEG SOFn, GIF's screen descriptor, WebP's VP8/VP8L/VP8X
 * and BMP's info header.
 */

export type SniffedFormat =
  'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'ico' | 'avif' | 'heic' | 'tiff' | 'svg' | 'unknown';

export interface SniffedImage {
  format: SniffedFormat;
  width?: number;
  height?: number;
  /** more than one frame (animated GIF, APNG, animated WebP) */
  animated: boolean;
}

const ascii = (b: Uint8Array, at: number, n: number) =>
  String.fromCharCode(...b.subarray(at, at + n));
const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32be = (b: Uint8Array, at: number) => u16be(b, at) * 65536 + u16be(b, at + 2);
const u24le = (b: Uint8Array, at: number) => u16le(b, at) + (b[at + 2] ?? 0) * 65536;
const i32le = (b: Uint8Array, at: number) => u16le(b, at) + u16le(b, at + 2) * 65536;

function sniffPng(b: Uint8Array): SniffedImage {
  const out: SniffedImage = { format: 'png', animated: false };
  if (ascii(b, 12, 4) === 'IHDR') {
    out.width = u32be(b, 16);
    out.height = u32be(b, 20);
  }
  // APNG: an acTL chunk before the first IDAT
  let at = 8;
  while (at + 8 <= b.length) {
    const type = ascii(b, at + 4, 4);
    if (type === 'acTL') out.animated = true;
    if (type === 'IDAT' || type === 'IEND') break;
    at += 12 + u32be(b, at);
  }
  return out;
}

function sniffJpeg(b: Uint8Array): SniffedImage {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) {
      at++;
      continue;
    }
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += marker === 0xff ? 1 : 2;
      continue;
    }
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { format: 'jpeg', height: u16be(b, at + 5), width: u16be(b, at + 7), animated: false };
    }
    if (marker === 0xda) break; // image data starts; no frame header was found before it
    at += 2 + u16be(b, at + 2);
  }
  return { format: 'jpeg', animated: false };
}

/** Walks GIF blocks far enough to count image descriptors (two means animation). */
function sniffGif(b: Uint8Array): SniffedImage {
  const out: SniffedImage = {
    format: 'gif',
    width: u16le(b, 6),
    height: u16le(b, 8),
    animated: false,
  };
  let at = 13;
  const flags = b[10] ?? 0;
  if (flags & 0x80) at += 3 * 2 ** ((flags & 7) + 1);
  const skipSubBlocks = () => {
    while (at < b.length && b[at] !== 0) at += (b[at] ?? 0) + 1;
    at++;
  };
  let frames = 0;
  while (at < b.length) {
    const block = b[at];
    if (block === 0x3b) break;
    if (block === 0x21) {
      at += 2;
      skipSubBlocks();
    } else if (block === 0x2c) {
      frames++;
      if (frames > 1) {
        out.animated = true;
        break;
      }
      const local = b[at + 9] ?? 0;
      at += 10;
      if (local & 0x80) at += 3 * 2 ** ((local & 7) + 1);
      at++; // LZW minimum code size
      skipSubBlocks();
    } else {
      break;
    }
  }
  return out;
}

function sniffWebp(b: Uint8Array): SniffedImage {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') {
    return {
      format: 'webp',
      animated: ((b[20] ?? 0) & 0x02) !== 0,
      width: u24le(b, 24) + 1,
      height: u24le(b, 27) + 1,
    };
  }
  if (chunk === 'VP8L') {
    const bits = u16le(b, 21) + u16le(b, 23) * 65536;
    return {
      format: 'webp',
      animated: false,
      width: (bits & 0x3fff) + 1,
      height: ((bits >>> 14) & 0x3fff) + 1,
    };
  }
  if (chunk === 'VP8 ') {
    return {
      format: 'webp',
      animated: false,
      width: u16le(b, 26) & 0x3fff,
      height: u16le(b, 28) & 0x3fff,
    };
  }
  return { format: 'webp', animated: false };
}

function looksLikeSvg(b: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(b.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  return (
    head.startsWith('<svg') ||
    ((head.startsWith('<?xml') || head.startsWith('<!')) && head.includes('<svg'))
  );
}

export function sniffImage(bytes: Uint8Array): SniffedImage {
  const b = bytes;
  const none = (format: SniffedFormat): SniffedImage => ({ format, animated: false });
  if (b.length >= 24 && u32be(b, 0) === 0x89504e47 && u32be(b, 4) === 0x0d0a1a0a)
    return sniffPng(b);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return sniffJpeg(b);
  if (b.length >= 10 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a'))
    return sniffGif(b);
  if (b.length >= 30 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return sniffWebp(b);
  if (b.length >= 26 && ascii(b, 0, 2) === 'BM') {
    return {
      format: 'bmp',
      width: Math.abs(i32le(b, 18)),
      height: Math.abs(i32le(b, 22)),
      animated: false,
    };
  }
  if (b.length >= 4 && u32be(b, 0) === 0x00000100) return none('ico');
  if (b.length >= 4 && (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*'))
    return none('tiff');
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    if (brand === 'avif' || brand === 'avis') return none('avif');
    if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand))
      return none('heic');
  }
  if (looksLikeSvg(b)) return none('svg');
  return none('unknown');
}
