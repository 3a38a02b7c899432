import { describe, expect, it } from 'vitest';
import { checkBeforeDecode, ImageInputError, MAX_IMAGE_PIXELS, undecodableMessage } from './policy';
import { sniffImage } from './sniff';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );
const be32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];

/** A PNG signature and IHDR chunk of the given size (CRC not checked by the sniffer). */
const pngHeader = (w: number, h: number, extra: number[] = []) =>
  bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    be32(13),
    'IHDR',
    be32(w),
    be32(h),
    [8, 6, 0, 0, 0],
    [0, 0, 0, 0],
    extra,
  );

describe('sniffImage', () => {
  it('reads PNG IHDR width and height', () => {
    expect(sniffImage(pngHeader(10000, 10000))).toEqual({
      format: 'png',
      width: 10000,
      height: 10000,
      animated: false,
    });
  });

  it('sees APNG animation (acTL before IDAT)', () => {
    const actl = [
      ...be32(8),
      ...[...'acTL'].map((c) => c.charCodeAt(0)),
      ...be32(2),
      ...be32(0),
      0,
      0,
      0,
      0,
    ];
    expect(sniffImage(pngHeader(5, 5, actl)).animated).toBe(true);
  });

  it('reads the JPEG frame size from SOF0 after an APP0 segment', () => {
    const app0 = [0xff, 0xe0, 0, 16, ...bytes('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
    const sof0 = [0xff, 0xc0, 0, 11, 8, ...[0x01, 0x2c], ...[0x02, 0x58], 1, 1, 0x11, 0];
    const jpeg = Uint8Array.from([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
    expect(sniffImage(jpeg)).toEqual({ format: 'jpeg', width: 600, height: 300, animated: false });
  });

  it('counts GIF frames: two image descriptors mean animated', () => {
    const frame = [0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4c, 0x01, 0];
    const head = bytes('GIF89a', [3, 0, 2, 0, 0, 0, 0]);
    expect(sniffImage(Uint8Array.from([...head, ...frame, 0x3b]))).toMatchObject({
      format: 'gif',
      width: 3,
      height: 2,
      animated: false,
    });
    expect(sniffImage(Uint8Array.from([...head, ...frame, ...frame, 0x3b])).animated).toBe(true);
  });

  it('recognises SVG, TIFF, HEIC and unknown bytes', () => {
    expect(
      sniffImage(bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>')).format,
    ).toBe('svg');
    expect(sniffImage(bytes('II*\0', [8, 0, 0, 0])).format).toBe('tiff');
    expect(sniffImage(bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0])).format).toBe('heic');
    expect(sniffImage(bytes('hello, this is text')).format).toBe('unknown');
  });
});

describe('checkBeforeDecode', () => {
  const ok = { format: 'png' as const, animated: false };
  it('refuses empty files, SVG and pictures above the pixel limit', () => {
    expect(() => checkBeforeDecode('a.png', 0, ok)).toThrow(/empty/);
    expect(() => checkBeforeDecode('a.svg', 10, { format: 'svg', animated: false })).toThrow(
      ImageInputError,
    );
    expect(() => checkBeforeDecode('big.png', 10, { ...ok, width: 10000, height: 10000 })).toThrow(
      /megapixels/,
    );
    const side = Math.floor(Math.sqrt(MAX_IMAGE_PIXELS));
    expect(checkBeforeDecode('ok.png', 10, { ...ok, width: side, height: side })).toEqual([]);
  });

  it('notes that only the first frame of an animation is used', () => {
    expect(checkBeforeDecode('a.gif', 10, { format: 'gif', animated: true })[0]).toMatch(
      /first frame/,
    );
  });

  it('calls a supported picture the browser cannot decode damaged, by name; others unsupported', () => {
    expect(undecodableMessage('cat.webp', { format: 'webp', animated: false })).toMatch(
      /^"cat\.webp" is damaged: .*WebP file\.$/,
    );
    expect(undecodableMessage('scan.tif', { format: 'tiff', animated: false })).toMatch(
      /cannot decode TIFF/,
    );
  });
});
