import { describe, expect, it } from 'vitest';
import {
  CIFAR_RECORD_BYTES,
  cifarLabels,
  encodeCifarRecords,
  parseCifarRecords,
} from './cifarRecords';
import { DataFormatError } from './dataFormatError';
import { createRng } from './rng';

describe('parseCifarRecords', () => {
  it('moves plane c, pixel (y, x) of record r to HWC index ((r*32 + y)*32 + x)*3 + c', () => {
    // Two records whose plane bytes encode where they came from.
    const bytes = new Uint8Array(2 * CIFAR_RECORD_BYTES);
    const source = (r: number, c: number, p: number) => (r * 7 + c * 50 + p * 3) & 0xff;
    for (let r = 0; r < 2; r++) {
      bytes[r * CIFAR_RECORD_BYTES] = r === 0 ? 3 : 9;
      for (let c = 0; c < 3; c++) {
        for (let p = 0; p < 1024; p++) bytes[r * 3073 + 1 + c * 1024 + p] = source(r, c, p);
      }
    }
    const out = parseCifarRecords(bytes);
    expect(out.count).toBe(2);
    expect(Array.from(out.labels)).toEqual([3, 9]);
    expect(out.pixels.length).toBe(2 * 32 * 32 * 3);
    for (const [r, y, x, c] of [
      [0, 0, 0, 0],
      [0, 0, 1, 2],
      [0, 31, 31, 1],
      [1, 5, 17, 2],
      [1, 31, 0, 0],
    ] as const) {
      expect(out.pixels[((r * 32 + y) * 32 + x) * 3 + c]).toBe(source(r, c, y * 32 + x));
    }
  });

  it('round-trips random records', () => {
    const rng = createRng(7);
    const count = 5;
    const pixels = new Uint8Array(count * 3072).map(() => Math.floor(rng.next() * 256));
    const labels = new Uint8Array(count).map(() => Math.floor(rng.next() * 10));
    const back = parseCifarRecords(encodeCifarRecords({ count, pixels, labels }));
    expect(back.pixels).toEqual(pixels);
    expect(back.labels).toEqual(labels);
  });

  it('rejects lengths that are not whole records, and labels above 9', () => {
    expect(() => parseCifarRecords(new Uint8Array(3072), 'a.bin')).toThrow(
      /a\.bin: 3072 bytes is not a whole number of 3073-byte records \(0 records and 3072/,
    );
    expect(() => parseCifarRecords(new Uint8Array(3073 * 2 + 5))).toThrow(/2 records and 5 bytes/);
    expect(() => parseCifarRecords(new Uint8Array(0))).toThrow(DataFormatError);
    const bad = new Uint8Array(3 * 3073);
    bad[2 * 3073] = 10;
    expect(() => cifarLabels(bad, 'b.bin')).toThrow(/b\.bin: record 2 \(byte 6146\) has label 10/);
    expect(() => parseCifarRecords(bad)).toThrow(DataFormatError);
  });
});
