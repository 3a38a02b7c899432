import { describe, expect, it } from 'vitest';
import { createRng } from './rng';

describe('createRng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = createRng(42).fillUniform(new Float32Array(100));
    const b = createRng(42).fillUniform(new Float32Array(100));
    const c = createRng(43).fillUniform(new Float32Array(100));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('skip starts the stream that many draws in, for any seed and skip', () => {
    for (const [seed, skip] of [
      [42, 0],
      [42, 7],
      [-5.5, 1000],
      [2 ** 40 + 3, 12345],
    ] as const) {
      const whole = createRng(seed).fillUniform(new Float32Array(skip + 50));
      const tail = createRng(seed, skip).fillUniform(new Float32Array(50));
      expect(Array.from(tail)).toEqual(Array.from(whole.subarray(skip)));
    }
    expect(() => createRng(1, -1)).toThrow(/skip must be a non-negative integer/);
    expect(() => createRng(1, 1.5)).toThrow(/skip/);
  });

  it('uniform stays in [lo, hi) with mean (lo + hi) / 2', () => {
    const n = 20000;
    const u = createRng(1).fillUniform(new Float64Array(n), -0.3, 0.3);
    let sum = 0;
    for (const v of u) {
      expect(v).toBeGreaterThanOrEqual(-0.3);
      expect(v).toBeLessThan(0.3);
      sum += v;
    }
    // sd of the mean = 0.6 / sqrt(12 n) ~ 0.0012; allow 5 sd.
    expect(Math.abs(sum / n)).toBeLessThan(0.006);
  });

  it('sign gives exactly +-magnitude, about half each', () => {
    const n = 10000;
    const s = createRng(2).fillSign(new Float32Array(n), 0.25);
    let positive = 0;
    for (const v of s) {
      expect(Math.abs(v)).toBe(0.25);
      if (v > 0) positive++;
    }
    // binomial sd = 50; allow 5 sd.
    expect(Math.abs(positive - n / 2)).toBeLessThan(250);
  });

  it('gaussian has mean ~0 and variance ~1 (odd length filled too)', () => {
    const n = 20001;
    const g = createRng(3).fillGaussian(new Float64Array(n));
    let sum = 0;
    let sumSq = 0;
    for (const v of g) {
      expect(Number.isFinite(v)).toBe(true);
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.04);
    expect(Math.abs(sumSq / n - mean * mean - 1)).toBeLessThan(0.05);
    expect(g[n - 1]).not.toBe(0);
  });

  it('rejects non-finite seeds', () => {
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
  });
});
