import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchLoss, correctCount } from './loss';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function value(t: tf.Scalar): Promise<number> {
  return (await t.data())[0] ?? NaN;
}

describe('batchLoss', () => {
  it('softmax-ce is the batch mean of -log softmax(z)[y]', async () => {
    const z = [
      [1, 2, 0],
      [0, 0, 3],
    ];
    const y = [1, 0];
    const lse = (row: number[]): number => Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
    const want = (lse(z[0] ?? []) - 2 + (lse(z[1] ?? []) - 0)) / 2;
    const got = await value(batchLoss('softmax-ce', tf.tensor2d(z), tf.tensor1d(y, 'int32')));
    expect(got).toBeCloseTo(want, 5);
  });

  it('softmax-ce keeps the true-class gradient where p_y rounds to 1', async () => {
    // p_k = exp(-20) and exp(-25): p_y = 1 in float32; d/dz_y = -(p_1 + p_2) / batch
    const z = tf.tensor2d([[20, 0, -5]]);
    const g = tf.grad((t: tf.Tensor) =>
      batchLoss('softmax-ce', t as tf.Tensor2D, tf.tensor1d([0], 'int32')),
    )(z);
    const [gy, g1, g2] = Array.from(await g.data());
    const p1 = Math.exp(-20) / (1 + Math.exp(-20) + Math.exp(-25));
    const p2 = Math.exp(-25) / (1 + Math.exp(-20) + Math.exp(-25));
    expect(g1).toBeCloseTo(p1, 15);
    expect(Math.abs((gy ?? 0) + p1 + p2)).toBeLessThan(1e-6 * (p1 + p2));
    expect(Math.abs((g2 ?? 0) - p2)).toBeLessThan(1e-6 * p2);
  });

  it('sigmoid-ce is the batch mean of -[y log s(z) + (1-y) log(1-s(z))]', async () => {
    const s = (v: number): number => 1 / (1 + Math.exp(-v));
    const want = (-Math.log(s(2)) - Math.log(1 - s(-1)) - Math.log(1 - s(0.5))) / 3;
    const got = await value(
      batchLoss('sigmoid-ce', tf.tensor2d([[2], [-1], [0.5]]), tf.tensor1d([1, 0, 0], 'int32')),
    );
    expect(got).toBeCloseTo(want, 5);
  });

  it('rbf-per-class is -sum_i [y_i s_i + (1-y_i) log(1 - exp(s_i))], batch mean', async () => {
    // s are log-probabilities (<= 0).
    const s = [
      [-0.1, -2, -3],
      [-1, -0.5, -4],
    ];
    const y = [0, 2];
    let want = 0;
    s.forEach((row, b) =>
      row.forEach((v, i) => {
        want -= i === y[b] ? v : Math.log(1 - Math.exp(v));
      }),
    );
    want /= 2;
    const got = await value(batchLoss('rbf-per-class', tf.tensor2d(s), tf.tensor1d(y, 'int32')));
    expect(got).toBeCloseTo(want, 4);
  });
});

describe('correctCount', () => {
  it('counts argmax hits, and z > 0 as class 1 for one logit', async () => {
    const z = tf.tensor2d([
      [1, 2],
      [3, 0],
      [0, 5],
    ]);
    expect(await value(correctCount(z, tf.tensor1d([1, 1, 1], 'int32')))).toBe(2);
    const one = tf.tensor2d([[0.5], [-1], [2]]);
    expect(await value(correctCount(one, tf.tensor1d([1, 1, 0], 'int32')))).toBe(1);
  });
});
