/** Our FusedBatchNorm gradient equals tfjs' own (measured before registering ours). */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { registerBatchNormGradient } from './batchNormGradient';

const values = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => Math.sin(i * 3.7 + seed));

function gradients(): number[][] {
  return tf.tidy(() => {
    const x = tf.tensor4d(values(2 * 3 * 4 * 5, 1), [2, 3, 4, 5]);
    const mean = tf.tensor1d(values(5, 2));
    const variance = tf.tensor1d(values(5, 3).map((v) => v * v + 0.1));
    const scale = tf.tensor1d(values(5, 4));
    const offset = tf.tensor1d(values(5, 5));
    const weights = tf.tensor4d(values(x.size, 6), x.shape);
    const f = (...args: tf.Tensor[]) => {
      const [a, m, v, s, o] = args as [
        tf.Tensor4D,
        tf.Tensor1D,
        tf.Tensor1D,
        tf.Tensor1D,
        tf.Tensor1D,
      ];
      return tf.batchNorm4d(a, m, v, o, s, 1e-3).mul(weights).sum();
    };
    return tf
      .grads(f)([x, mean, variance, scale, offset])
      .map((g) => Array.from(g.dataSync()));
  });
}

describe('FusedBatchNorm gradient', () => {
  it('equals the tfjs gradient for x, mean, variance, scale and offset', async () => {
    await tf.setBackend('cpu');
    const theirs = gradients();
    registerBatchNormGradient();
    const ours = gradients();
    theirs.forEach((g, k) => {
      expect(ours[k]).toHaveLength(g.length);
      g.forEach((v, i) => expect(ours[k]?.[i]).toBeCloseTo(v, 4));
    });
  });
});
