import { describe, expect, it } from 'vitest';
import {
  DIMENSION_SLIDER_STEPS,
  LANDMARK_DIMENSIONS,
  MAX_DIMENSION,
  curveDimensions,
  demoVectors,
  dotProductCurve,
  dimensionAt,
  dotProductNumbers,
  positionOf,
  type DemoVectors,
} from './dotProduct';

const vectors = demoVectors();

/** Vectors of one constant weight c and alternating signs: every sum has a closed form. */
function constant(n: number, c: number): DemoVectors {
  const weights = new Float64Array(n).fill(c);
  const signs = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1));
  return { weights, signs };
}

describe('dotProductNumbers', () => {
  it('w·(ε sign w) equals ε‖w‖₁, summed term by term, at every landmark n and several ε', () => {
    for (const { n } of LANDMARK_DIMENSIONS) {
      for (const eps of [0, 0.007, 0.1, 0.25, 0.5]) {
        const r = dotProductNumbers(vectors, n, eps);
        expect(r.adversarialChange).toBeCloseTo(r.adversarialBound, 8);
        expect(r.adversarialBound).toBe(eps * r.l1);
        expect(r.maxInputChange).toBe(eps);
      }
    }
  });

  it('matches the closed forms for a constant weight c: ‖w‖₁ = n|c|, ‖w‖₂ = √n|c|', () => {
    const n = 784;
    const r = dotProductNumbers(constant(n, -0.5), n, 0.25);
    expect(r.l1).toBeCloseTo(392, 10);
    expect(r.l2).toBeCloseTo(Math.sqrt(n) * 0.5, 10);
    expect(r.adversarialChange).toBeCloseTo(0.25 * 392, 10); // 98: sign(w) = -1 everywhere
    expect(r.meanAbsWeight).toBeCloseTo(0.5, 12);
    // alternating signs on a constant w cancel pairwise: 392 pairs of (+c, -c)
    expect(r.randomChange).toBeCloseTo(0, 10);
    expect(r.randomTypical).toBeCloseTo(0.25 * 14, 10);
  });

  it('uses the first n weights: a prefix sum of |w_i|', () => {
    let l1 = 0;
    for (let i = 0; i < 3072; i++) l1 += Math.abs(vectors.weights[i] ?? 0);
    expect(dotProductNumbers(vectors, 3072, 1).l1).toBeCloseTo(l1, 9);
  });

  it('grows like n against noise growing like √n (w_i ~ U(−1, 1): E|w_i| = 1/2, E w_i² = 1/3)', () => {
    for (const n of [3072, MAX_DIMENSION]) {
      const r = dotProductNumbers(vectors, n, 0.1);
      expect(r.meanAbsWeight).toBeGreaterThan(0.48);
      expect(r.meanAbsWeight).toBeLessThan(0.52);
      expect(r.adversarialChange / (0.1 * n)).toBeCloseTo(0.5, 1);
      expect(r.randomTypical / (0.1 * Math.sqrt(n / 3))).toBeCloseTo(1, 1);
    }
    const small = dotProductNumbers(vectors, 784, 0.1);
    const large = dotProductNumbers(vectors, MAX_DIMENSION, 0.1);
    const ratio = large.adversarialChange / small.adversarialChange;
    expect(ratio).toBeGreaterThan(0.95 * (MAX_DIMENSION / 784));
    expect(ratio).toBeLessThan(1.05 * (MAX_DIMENSION / 784));
  });

  it('the random draw stays within a few standard deviations ε‖w‖₂', () => {
    for (const { n } of LANDMARK_DIMENSIONS) {
      const r = dotProductNumbers(vectors, n, 0.25);
      expect(Math.abs(r.randomChange)).toBeLessThan(4 * r.randomTypical);
    }
  });

  it('refuses n outside the vectors and a negative ε', () => {
    expect(() => dotProductNumbers(vectors, 0, 0.1)).toThrow(RangeError);
    expect(() => dotProductNumbers(vectors, MAX_DIMENSION + 1, 0.1)).toThrow(RangeError);
    expect(() => dotProductNumbers(vectors, 10.5, 0.1)).toThrow(RangeError);
    expect(() => dotProductNumbers(vectors, 10, -0.1)).toThrow(RangeError);
  });
});

describe('the n slider', () => {
  it('spans 10 to 150,528', () => {
    expect(dimensionAt(0)).toBe(10);
    expect(dimensionAt(DIMENSION_SLIDER_STEPS)).toBe(150528);
    expect(dimensionAt(-5)).toBe(10);
    expect(dimensionAt(DIMENSION_SLIDER_STEPS + 5)).toBe(150528);
  });

  it('lands on every landmark exactly, and the landmarks are the stated shapes', () => {
    for (const { n } of LANDMARK_DIMENSIONS) expect(dimensionAt(positionOf(n))).toBe(n);
    expect(LANDMARK_DIMENSIONS.map((l) => l.n)).toEqual([10, 28 * 28, 32 * 32 * 3, 224 * 224 * 3]);
  });

  it('is monotone', () => {
    let last = 0;
    for (let p = 0; p <= DIMENSION_SLIDER_STEPS; p++) {
      const n = dimensionAt(p);
      expect(n).toBeGreaterThanOrEqual(last);
      last = n;
    }
  });
});

describe('dotProductCurve', () => {
  it('gives at each n what dotProductNumbers gives', () => {
    const ns = curveDimensions(40);
    expect(ns[0]).toBe(10);
    expect(ns[ns.length - 1]).toBe(MAX_DIMENSION);
    const curve = dotProductCurve(vectors, 0.2, ns);
    for (const point of curve) {
      const r = dotProductNumbers(vectors, point.n, 0.2);
      expect(point.adversarial).toBeCloseTo(r.adversarialBound, 6);
      expect(point.randomTypical).toBeCloseTo(r.randomTypical, 9);
    }
  });
});
