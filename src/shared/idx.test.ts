import { describe, expect, it } from 'vitest';
import { DataFormatError } from './dataFormatError';
import {
  assertGzip,
  encodeIdxImages,
  encodeIdxLabels,
  isGzip,
  parseIdxImages,
  parseIdxLabels,
  type IdxImages,
} from './idx';
import { createRng } from './rng';

const rng = createRng(20150101);

/** gzip via the web-standard CompressionStream (no Node imports in src/shared). */
async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([new Uint8Array(bytes)])
    .stream()
    .pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
const int = (lo: number, hi: number) => lo + Math.floor(rng.next() * (hi - lo + 1));

function randomImages(): IdxImages {
  const count = int(1, 12);
  const height = int(1, 9);
  const width = int(1, 9);
  const pixels = new Uint8Array(count * height * width).map(() => int(0, 255));
  return { count, height, width, pixels };
}

/** The parser either rejects the bytes with a DataFormatError or returns a self-consistent file. */
function parseOrFormatError(bytes: Uint8Array): IdxImages | 'rejected' {
  try {
    const img = parseIdxImages(bytes);
    expect(img.pixels.length).toBe(img.count * img.height * img.width);
    expect(16 + img.pixels.length).toBe(bytes.length);
    return img;
  } catch (err) {
    expect(err).toBeInstanceOf(DataFormatError);
    return 'rejected';
  }
}

describe('parseIdxImages', () => {
  it('reads a hand-written file: magic 0x803, big-endian sizes 2 x 1 x 2, then 4 bytes', () => {
    const bytes = Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 10, 20, 30, 40]);
    const img = parseIdxImages(bytes);
    expect([img.count, img.height, img.width]).toEqual([2, 1, 2]);
    expect(Array.from(img.pixels)).toEqual([10, 20, 30, 40]);
  });

  it('reads sizes as unsigned big-endian 32-bit (256 = bytes 0 0 1 0)', () => {
    const img: IdxImages = { count: 1, height: 256, width: 1, pixels: new Uint8Array(256) };
    const bytes = encodeIdxImages(img);
    expect(Array.from(bytes.subarray(8, 12))).toEqual([0, 0, 1, 0]);
    expect(parseIdxImages(bytes).height).toBe(256);
  });

  it('round-trips random valid files exactly (also from an offset view)', () => {
    for (let t = 0; t < 200; t++) {
      const img = randomImages();
      const encoded = encodeIdxImages(img);
      expect(encoded.length).toBe(16 + img.count * img.height * img.width);
      const padded = new Uint8Array(encoded.length + 7);
      padded.set(encoded, 3);
      const back = parseIdxImages(padded.subarray(3, 3 + encoded.length));
      expect([back.count, back.height, back.width]).toEqual([img.count, img.height, img.width]);
      expect(back.pixels).toEqual(img.pixels);
    }
  });

  it('names the problem: wrong magic, gzip still on, other types, truncation, trailing bytes', async () => {
    const img = randomImages();
    const good = encodeIdxImages(img);
    const labels = encodeIdxLabels(new Uint8Array([1, 2]));
    expect(() => parseIdxImages(labels, 'f.idx')).toThrow(
      /f\.idx: magic 0x00000801, expected 0x00000803 \(IDX with 1 dimensions, expected 3\)/,
    );
    const zipped = await gzip(good);
    expect(() => parseIdxImages(zipped)).toThrow(/still gzip-compressed/);
    const floats = good.slice();
    floats[2] = 0x0d;
    expect(() => parseIdxImages(floats)).toThrow(/float32, expected unsigned bytes/);
    expect(() => parseIdxImages(good.subarray(0, good.length - 1))).toThrow(
      /truncated: header says .* bytes of data, file has/,
    );
    expect(() => parseIdxImages(good.subarray(0, 10))).toThrow(/truncated header, 10 of 16 bytes/);
    expect(() => parseIdxImages(good.subarray(0, 3))).toThrow(/only 3 bytes/);
    const longer = new Uint8Array(good.length + 1);
    longer.set(good);
    expect(() => parseIdxImages(longer)).toThrow(/trailing bytes/);
    const flat = encodeIdxImages({ count: 1, height: 0, width: 5, pixels: new Uint8Array() });
    expect(() => parseIdxImages(flat)).toThrow(/images of 0 x 5 pixels/);
  });

  it('rejects every truncation of a valid file with a DataFormatError', () => {
    for (let t = 0; t < 50; t++) {
      const good = encodeIdxImages(randomImages());
      for (let len = 0; len < good.length; len++) {
        expect(parseOrFormatError(good.subarray(0, len))).toBe('rejected');
      }
    }
  });

  it('rejects any single changed header byte (sizes no longer match the length)', () => {
    for (let t = 0; t < 300; t++) {
      const bytes = encodeIdxImages(randomImages());
      const at = int(0, 15);
      bytes[at] = ((bytes[at] ?? 0) + int(1, 255)) & 0xff;
      expect(parseOrFormatError(bytes)).toBe('rejected');
    }
  });

  it('never crashes or returns an inconsistent result on random header mutations or noise', () => {
    for (let t = 0; t < 2000; t++) {
      const bytes =
        t % 2 === 0
          ? encodeIdxImages(randomImages())
          : new Uint8Array(int(0, 64)).map(() => int(0, 255));
      for (let k = int(1, 4); k > 0 && bytes.length > 0; k--) {
        bytes[int(0, Math.min(15, bytes.length - 1))] = int(0, 255);
      }
      parseOrFormatError(bytes);
    }
  });
});

describe('parseIdxLabels', () => {
  it('round-trips and checks magic 0x801 and length', () => {
    const labels = new Uint8Array(37).map(() => int(0, 9));
    const bytes = encodeIdxLabels(labels);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0, 0, 8, 1, 0, 0, 0, 37]);
    expect(parseIdxLabels(bytes)).toEqual(labels);
    expect(() => parseIdxLabels(bytes.subarray(0, 40), 'l')).toThrow(/l: truncated/);
    const images = encodeIdxImages(randomImages());
    expect(() => parseIdxLabels(images)).toThrow(/magic 0x00000803, expected 0x00000801/);
  });
});

describe('gzip detection', () => {
  it('recognises gzip output (1f 8b 08) and nothing else', async () => {
    const idx = encodeIdxLabels(new Uint8Array([3]));
    const zipped = await gzip(idx);
    expect(isGzip(zipped)).toBe(true);
    expect(isGzip(idx)).toBe(false);
    expect(isGzip(new Uint8Array([0x1f, 0x8b]))).toBe(false);
    expect(() => assertGzip(zipped, 'x.gz')).not.toThrow();
    expect(() => assertGzip(idx, 'x.gz')).toThrow(
      /x\.gz is not gzip data: it starts with \[00 00 08 01\] \(9 bytes\)/,
    );
  });
});
