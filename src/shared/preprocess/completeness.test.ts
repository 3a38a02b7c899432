import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDamage } from './completeness';
import { sniffImage } from './sniff';

const sample = (path: string) =>
  new Uint8Array(readFileSync(new URL(`../../../public/samples/${path}`, import.meta.url)));
const REAL_FILES = [
  'chelsea.png',
  'coffee.png',
  'astronaut.png',
  'thumbs/chelsea.jpg',
  'thumbs/coffee.jpg',
  'thumbs/astronaut.jpg',
];

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const le = (v: number, n: number) => [...Array(n).keys()].map((k) => (v >>> (8 * k)) & 255);
const damageOf = (bytes: Uint8Array | number[]) => {
  const b = Uint8Array.from(bytes);
  return findDamage(b, sniffImage(b).format);
};

/** cuts a file at several places: early, in the middle, and just before its end */
const cutsOf = (length: number) =>
  [...new Set([0.1, 0.5, 0.9].map((f) => Math.floor(length * f)))].concat(
    [length - 1, length - 2, length - 5].filter((n) => n > 30),
  );

describe('findDamage on real files', () => {
  for (const path of REAL_FILES) {
    it(`accepts ${path} whole and refuses it cut anywhere`, () => {
      const bytes = sample(path);
      expect(damageOf(bytes)).toBeNull();
      for (const n of cutsOf(bytes.length)) {
        expect(damageOf(bytes.subarray(0, n)), `${path} cut to ${n} bytes`).toMatch(/ends/);
      }
    });
  }

  it('accepts bytes after a JPEG end marker, but not an end marker only inside a thumbnail', () => {
    const jpeg = sample('thumbs/chelsea.jpg');
    expect(damageOf([...jpeg, ...ascii('trailing data')])).toBeNull();
    // an APP1 segment holding a whole small JPEG (SOI ... EOI), as EXIF thumbnails do
    const thumb = [0xff, 0xd8, 0xff, 0xd9];
    const app1 = [0xff, 0xe1, 0, 2 + 6 + thumb.length, ...ascii('Exif\0\0'), ...thumb];
    const withThumb = [...jpeg.subarray(0, 2), ...app1, ...jpeg.subarray(2)];
    expect(damageOf(withThumb)).toBeNull();
    expect(damageOf(withThumb.slice(0, withThumb.length - 100))).toMatch(/ends/);
  });
});

describe('findDamage on hand-made files', () => {
  it('a progressive JPEG: several scans, stuffed bytes and restart markers', () => {
    const segment = (marker: number, body: number[]) => [
      0xff,
      marker,
      ...[(body.length + 2) >> 8, (body.length + 2) & 255],
      ...body,
    ];
    const scan = [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xff, 0xd1, 0x78];
    const jpeg = [
      0xff,
      0xd8,
      ...segment(0xdb, Array(65).fill(1)),
      ...segment(0xc2, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
      ...segment(0xc4, Array(20).fill(0)),
      ...segment(0xda, [1, 1, 0, 0, 0, 0]),
      ...scan,
      ...segment(0xc4, Array(20).fill(0)),
      ...segment(0xda, [1, 1, 0, 1, 63, 0]),
      ...scan,
      0xff,
      0xd9,
    ];
    expect(damageOf(jpeg)).toBeNull();
    for (const n of [jpeg.length - 1, jpeg.length - 4, 120, 40]) {
      expect(damageOf(jpeg.slice(0, n)), `cut to ${n}`).toMatch(/ends/);
    }
    // a scan with no frame header before it cannot be a picture
    expect(damageOf([0xff, 0xd8, ...segment(0xda, [0]), 1, 2, 0xff, 0xd9])).toMatch(/frame/);
  });

  it('GIF: every block must be whole; the trailer may be missing', () => {
    const frame = [0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00];
    const head = [...ascii('GIF89a'), 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255];
    const comment = [0x21, 0xfe, 3, ...ascii('hi!'), 0];
    const gif = [...head, ...comment, ...frame, ...frame, 0x3b];
    expect(damageOf(gif)).toBeNull();
    expect(damageOf(gif.slice(0, -1))).toBeNull();
    for (const n of [gif.length - 3, head.length + comment.length + 8, head.length + 2, 14]) {
      expect(damageOf(gif.slice(0, n)), `cut to ${n}`).toMatch(/ends/);
    }
    expect(damageOf([...head, 0x99])).toMatch(/unknown block/);
    expect(damageOf(head)).toMatch(/no image/);
  });

  it('WebP: the RIFF size must be there and every chunk whole', () => {
    const chunk = (type: string, body: number[]) => [
      ...ascii(type),
      ...le(body.length, 4),
      ...body,
      ...(body.length % 2 ? [0] : []),
    ];
    const vp8l = chunk('VP8L', [0x2f, 0, 0, 0, 0, 1, 2, 3, 4]);
    const body = [...ascii('WEBP'), ...vp8l, ...chunk('EXIF', [1, 2, 3])];
    const webp = [...ascii('RIFF'), ...le(body.length, 4), ...body];
    expect(damageOf(webp)).toBeNull();
    expect(damageOf([...webp, 0, 0, 0])).toBeNull(); // bytes after the RIFF container
    for (const n of [webp.length - 1, webp.length - 8, 32]) {
      expect(damageOf(webp.slice(0, n)), `cut to ${n}`).toMatch(/ends/);
    }
    // a chunk longer than its container
    const liar = [...webp];
    liar.splice(16, 4, ...le(999, 4));
    expect(damageOf(liar)).toMatch(/ends/);
  });

  it('BMP: the pixel rows its header promises must be there', () => {
    const pixels = [0, 0, 0, 255, 255, 255, 0, 0, 255, 255, 255, 0, 0, 0, 0, 0];
    const bmp = [
      ...ascii('BM'),
      ...le(54 + pixels.length, 4),
      ...le(0, 4),
      ...le(54, 4),
      ...[40, 2, -2].flatMap((v) => le(v, 4)),
      ...le(1, 2),
      ...le(24, 2),
      ...le(0, 4),
      ...le(pixels.length, 4),
      ...le(0, 16),
      ...pixels,
    ];
    expect(damageOf(bmp)).toBeNull();
    expect(damageOf(bmp.slice(0, -1))).toMatch(/ends/);
    expect(damageOf(bmp.slice(0, 40))).toMatch(/ends/);
  });

  it('PNG: a chunk cut short, a missing end chunk, a missing image data chunk', () => {
    const png = sample('chelsea.png');
    expect(damageOf(png.subarray(0, png.length - 12))).toMatch(/ends/); // no IEND
    // IHDR and IEND only: whole, but no pixels
    const ihdrEnd = 8 + 12 + 13;
    const noData = [...png.subarray(0, ihdrEnd), ...png.subarray(png.length - 12)];
    expect(damageOf(noData)).toMatch(/no image data/);
  });

  it('leaves formats it does not walk to the decoder', () => {
    expect(findDamage(Uint8Array.from(ascii('II*\0')), 'tiff')).toBeNull();
    expect(findDamage(Uint8Array.from([0, 0, 1, 0]), 'ico')).toBeNull();
  });
});
