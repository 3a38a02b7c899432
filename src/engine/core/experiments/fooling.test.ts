import { beforeAll, describe, expect, it } from 'vitest';
import { seededValues, useCpuBackend } from '../testFixtures';
import { foolingImages } from './fooling';
import { gaussianImage } from './rubbish';
import { DIM, linearClassifier } from './testing';

beforeAll(useCpuBackend);

// Binary linear model, logits [0, z], z = w.x: p(1 | x) > 0.5 iff z > 0. A 'sign' step toward
// class 1 adds eps * sign(grad_x p1) = eps * sign(w) to x, so z grows by exactly eps * |w|_1: the
// image succeeds after the smallest k >= 0 with z0 + k * eps * |w|_1 > 0.
const w = seededValues(DIM, 31, -1, 1);
const kernel = new Float32Array(2 * DIM);
w.forEach((v, i) => (kernel[2 * i + 1] = v));
const binary = linearClassifier('binary', kernel, new Float32Array(2));
const l1 = w.reduce((s, v) => s + Math.abs(v), 0);

describe('foolingImages', () => {
  it('sign steps: success by step matches k = ceil-ish(-z0 / (eps |w|_1)) per image', async () => {
    const count = 40;
    const steps = 6;
    const eps = 0.2;
    const seed = 3;
    const expected = new Array<number>(steps + 1).fill(0);
    for (let j = 0; j < count; j++) {
      // class 1 is the only class asked for, so it is position 0: items 0..count-1
      const x = gaussianImage(seed, j, DIM);
      const z0 = w.reduce((s, v, i) => s + v * (x[i] as number), 0);
      let k = 0;
      while (z0 + k * eps * l1 <= 0) k++;
      for (let s = k; s <= steps; s++) expected[s] = (expected[s] ?? 0) + 1 / count;
    }
    const r = await foolingImages(
      binary,
      { classes: [1], count, steps, eps, seed, direction: 'sign' },
      { chunkSize: 16 },
    );
    const got = r.rows[0]?.successByStep ?? [];
    expect(got).toHaveLength(steps + 1);
    got.forEach((v, s) => expect(v).toBeCloseTo(expected[s] ?? -1, 12));
    expect(r.rows[0]?.example.confidence).toBeGreaterThan(0.5);
  });

  it('gradient steps only raise p(target): success never falls from one step to the next', async () => {
    const c = linearClassifier('lin', seededValues(3 * DIM, 2, -0.5, 0.5), new Float32Array(3));
    const r = await foolingImages(c, { count: 12, steps: 8, eps: 2, seed: 1 });
    expect(r.rows.map((row) => row.targetClass)).toEqual([0, 1, 2]);
    for (const row of r.rows) {
      const s = row.successByStep;
      s.slice(1).forEach((v, k) => expect(v).toBeGreaterThanOrEqual(s[k] ?? 2));
    }
  });

  it('zero weights: p(target) stays 1/2 (not > 1/2) and the gradient is 0, so nothing succeeds', async () => {
    const zero = linearClassifier('zero', new Float32Array(2 * DIM), new Float32Array(2));
    const r = await foolingImages(zero, { count: 5, steps: 3, eps: 1, seed: 0 });
    for (const row of r.rows) {
      expect(row.successByStep).toEqual([0, 0, 0, 0]);
      expect(row.meanStepsToSuccess).toBe(0);
      expect(row.example.confidence).toBe(0.5);
    }
  });
});
