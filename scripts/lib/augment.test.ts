import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/shared/rng';
import { augmentBatch } from './augment';

/** image i of a batch: pixel (r, c, k) = 1 + 100 * i + 10 * r + c, as a [n, 3, 3, 2] batch */
function batch(n: number): Float32Array {
  const x = new Float32Array(n * 18);
  for (let i = 0; i < n; i++)
    for (let r = 0; r < 3; r++)
      for (let c = 0; c < 3; c++)
        for (let k = 0; k < 2; k++) x[i * 18 + (r * 3 + c) * 2 + k] = 1 + 100 * i + 10 * r + c;
  return x;
}

describe('augmentBatch', () => {
  it('with no flip and no shift leaves the batch alone', () => {
    const x = batch(4);
    augmentBatch(x, [4, 3, 3, 2], { flip: false, shift: 0 }, createRng(1));
    expect(x).toEqual(batch(4));
  });

  it('mirrors about half of the images left-right, exactly', () => {
    const n = 200;
    const x = batch(n);
    augmentBatch(x, [n, 3, 3, 2], { flip: true, shift: 0 }, createRng(2));
    let flipped = 0;
    for (let i = 0; i < n; i++) {
      const first = x[i * 18] as number;
      const same = first === 1 + 100 * i;
      const mirrored = first === 1 + 100 * i + 2;
      expect(same || mirrored).toBe(true);
      if (mirrored) {
        flipped++;
        // row 1, col 0, channel 1 comes from row 1, col 2
        expect(x[i * 18 + 3 * 2 + 1]).toBe(1 + 100 * i + 10 + 2);
      }
    }
    expect(flipped).toBeGreaterThan(70);
    expect(flipped).toBeLessThan(130);
  });

  it('shifts by at most `shift` pixels with zeros filling in, and is seeded', () => {
    const n = 50;
    const a = batch(n);
    const b = batch(n);
    augmentBatch(a, [n, 3, 3, 2], { flip: false, shift: 1 }, createRng(3));
    augmentBatch(b, [n, 3, 3, 2], { flip: false, shift: 1 }, createRng(3));
    expect(a).toEqual(b);
    let moved = 0;
    for (let i = 0; i < n; i++) {
      // the centre pixel (1, 1) holds one of its 3x3 neighbourhood's values
      const centre = (a[i * 18 + 4 * 2] as number) - 1 - 100 * i;
      expect([0, 1, 2, 10, 11, 12, 20, 21, 22]).toContain(centre);
      if (centre !== 11) moved++;
      const zeros = Array.from(a.subarray(i * 18, (i + 1) * 18)).filter((v) => v === 0).length;
      expect(zeros === 0).toBe(centre === 11);
    }
    expect(moved).toBeGreaterThan(30);
  });
});
