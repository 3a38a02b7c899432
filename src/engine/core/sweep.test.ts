import { beforeAll, describe, expect, it } from 'vitest';
import type { Classifier } from './classifier';
import { classifierFromLayersModel } from './layersClassifier';
import { sweepImage } from './sweep';
import { denseModel, seededImage, seededValues, testManifest, useCpuBackend } from './testFixtures';

// Softmax regression z = W^T x + b on 8x8 images, 10 classes. grad_x J(x, y) = W (p - e_y), so
// d = sign(W (p - e_y)) and the sweep's logits z(eps) = W^T (x + eps d) + b are exactly linear.
const SHAPE: [number, number, number] = [8, 8, 1];
const D = 64;
const K = 10;
const W = seededValues(D * K, 21, -0.5, 0.5); // [D, K] row-major
const B = seededValues(K, 22, -0.2, 0.2);
const image = seededImage(SHAPE, 23);
let linear: Classifier;

beforeAll(async () => {
  await useCpuBackend();
  linear = classifierFromLayersModel(denseModel(W, B, D), testManifest(SHAPE, K));
});

/** z = W^T v + b in float64. */
function affine(v: ArrayLike<number>): number[] {
  return Array.from({ length: K }, (_, k) => {
    let z = B[k] as number;
    for (let i = 0; i < D; i++) z += (W[i * K + k] as number) * (v[i] as number);
    return z;
  });
}

describe('sweepImage on a linear softmax model', () => {
  it('uses d = sign(W (p - e_y)) and logits W^T(x + eps d) + b, linear in eps', async () => {
    const trueLabel = 3;
    const r = await sweepImage(linear, image, {
      epsMax: 0.5,
      points: 21,
      labelSource: 'true',
      trueLabel,
    });
    expect(r.eps.length).toBe(21);
    expect(r.eps[10]).toBe(0);
    expect(r.lossLabel).toBe(trueLabel);

    // The direction, computed independently from the clean softmax.
    const z0 = affine(image.data);
    const m = Math.max(...z0);
    const e = z0.map((z) => Math.exp(z - m));
    const p = e.map((v) => v / e.reduce((a, b) => a + b));
    for (let i = 0; i < D; i++) {
      let g = 0;
      for (let k = 0; k < K; k++)
        g += (W[i * K + k] as number) * ((p[k] as number) - (k === trueLabel ? 1 : 0));
      if (Math.abs(g) > 1e-5) expect(r.direction[i]).toBe(Math.sign(g));
    }

    for (let t = 0; t < 21; t++) {
      const eps = r.eps[t] as number;
      const expected = affine(
        Array.from(image.data, (x, i) => x + eps * (r.direction[i] as number)),
      );
      for (let k = 0; k < K; k++) {
        expect(r.logits[t * K + k]).toBeCloseTo(expected[k] as number, 4);
      }
      let best = 0;
      for (let k = 1; k < K; k++)
        if ((r.logits[t * K + k] as number) > (r.logits[t * K + best] as number)) best = k;
      expect(r.predictedClass[t]).toBe(best);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += r.probabilities[t * K + k] as number;
      expect(sum).toBeCloseTo(1, 5);
    }
    // Second differences along the grid vanish for every class.
    for (let t = 1; t < 20; t++) {
      for (let k = 0; k < K; k++) {
        const second =
          (r.logits[(t + 1) * K + k] as number) -
          2 * (r.logits[t * K + k] as number) +
          (r.logits[(t - 1) * K + k] as number);
        expect(Math.abs(second)).toBeLessThan(1e-4);
      }
    }
    // Along d, the loss label's logit falls (or the others rise): J grows with eps > 0.
    const loss = (t: number) => {
      const row = Array.from(r.logits.subarray(t * K, (t + 1) * K));
      const mx = Math.max(...row);
      return (
        Math.log(row.reduce((a, z) => a + Math.exp(z - mx), 0)) + mx - (row[trueLabel] as number)
      );
    };
    expect(loss(20)).toBeGreaterThan(loss(10));
    expect(loss(10)).toBeGreaterThan(loss(0));
  });

  it('with a clip range, evaluates clip(x + eps d)', async () => {
    const r = await sweepImage(linear, image, {
      epsMax: 0.8,
      points: 5,
      labelSource: 'predicted',
      clip: [0, 1],
    });
    for (let t = 0; t < 5; t++) {
      const eps = r.eps[t] as number;
      const clipped = Array.from(image.data, (x, i) =>
        Math.min(1, Math.max(0, x + eps * (r.direction[i] as number))),
      );
      const expected = affine(clipped);
      for (let k = 0; k < K; k++) expect(r.logits[t * K + k]).toBeCloseTo(expected[k] as number, 4);
    }
    // eps = 0 is the clean image, so 'predicted' makes the middle point the loss label.
    expect(r.predictedClass[2]).toBe(r.lossLabel);
  });
});
