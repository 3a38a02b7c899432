import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { productWork, registerWasmMatMul, transposeFirst } from './wasmMatMul';

beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
});

/** The product on the cpu backend (its own kernel), as the reference. */
async function reference(a: tf.Tensor, b: tf.Tensor, tA: boolean, tB: boolean) {
  const [av, bv] = [await a.data(), await b.data()];
  await tf.setBackend('cpu');
  const out = tf.matMul(tf.tensor(av, a.shape), tf.tensor(bv, b.shape), tA, tB);
  const values = { data: await out.data(), shape: out.shape };
  await tf.setBackend('wasm');
  return values;
}

describe('transposeFirst', () => {
  it('counts batch * m * n * k multiply-adds', () => {
    // [2, 3, 4] . [2, 4, 5]: 2 * 3 * 5 * 4; the same with b stored transposed [2, 5, 4]
    expect(productWork([2, 3, 4], [2, 4, 5], false, false)).toBe(120);
    expect(productWork([2, 3, 4], [2, 5, 4], false, true)).toBe(120);
    expect(productWork([4, 3], [4, 5], true, false)).toBe(60);
  });

  it('transposes first for many rows, not for one (dy . W^T with W [784, 1200])', () => {
    expect(transposeFirst([1, 1200], [784, 1200], false, true)).toBe(false);
    expect(transposeFirst([500, 1200], [784, 1200], false, true)).toBe(true);
    expect(transposeFirst([3, 4], [4, 5], false, false)).toBe(false);
  });
});

describe('registered wasm BatchMatMul', () => {
  it('gives the cpu products for every transpose flag, small and large, and frees temporaries', async () => {
    expect(registerWasmMatMul()).toBe(true);
    const cases: [boolean, boolean, number[], number[]][] = [
      [false, true, [1, 40], [30, 40]], // one row: the original kernel
      [false, true, [64, 40], [30, 40]], // many rows: explicit transpose
      [true, false, [40, 64], [40, 30]],
      [true, true, [40, 64], [30, 40]],
      [false, true, [2, 32, 16], [2, 24, 16]],
    ];
    for (const [tA, tB, as, bs] of cases) {
      const a = tf.randomUniform(as, -2, 2, 'float32', 1);
      const b = tf.randomUniform(bs, -2, 2, 'float32', 2);
      const want = await reference(a, b, tA, tB);
      const before = tf.engine().backend.numDataIds();
      const got = tf.matMul(a, b, tA, tB);
      expect(got.shape).toEqual(want.shape);
      const values = await got.data();
      let worst = 0;
      values.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (want.data[i] ?? NaN)))));
      expect(worst).toBeLessThan(1e-4);
      expect(tf.engine().backend.numDataIds()).toBe(before + 1); // the product only
      tf.dispose([a, b, got]);
    }
  });
});
