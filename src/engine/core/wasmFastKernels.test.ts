/**
 * The faster wasm forward kernels (Minimum / Maximum with a scalar as ClipByValue, inference
 * batch norm as a 1x1 depthwise convolution) give the cpu backend's numbers, fall back where
 * they do not apply, and leave no data behind.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { registerWasmFastKernels } from './wasmFastKernels';

const values = (n: number, seed: number, scale = 4) =>
  Array.from({ length: n }, (_, i) => Math.cos(i * 7.31 + seed) * scale);

/** every case's output on `backend`, read back */
async function outputs(backend: string): Promise<number[][]> {
  await tf.setBackend(backend);
  await tf.ready();
  const results = tf.tidy(() => {
    const x = tf.tensor4d(values(2 * 5 * 6 * 3, 1), [2, 5, 6, 3]);
    const y = tf.tensor4d(values(2 * 5 * 6 * 3, 2), [2, 5, 6, 3]);
    const [mean, variance, offset, scale] = [3, 4, 5, 6].map((seed, i) =>
      tf.tensor1d(values(3, seed, 1).map((v) => (i === 1 ? v * v + 0.1 : v))),
    ) as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
    return [
      tf.minimum(tf.relu(x), 6 / 4),
      tf.minimum(tf.scalar(1), x),
      tf.maximum(x, tf.tensor1d([-0.5])),
      tf.minimum(x, y),
      tf.batchNorm(x, mean, variance, offset, scale, 0.001),
      tf.batchNorm(x, mean, variance, undefined, undefined, 0.01),
      tf.batchNorm(tf.reshape(x, [60, 3]), mean, variance, offset, scale, 0.001),
    ];
  });
  const out = await Promise.all(results.map(async (t) => Array.from(await t.data())));
  tf.dispose(results);
  return out;
}

/** counts the calls of a wasm kernel from now on */
function countCalls(name: string): { calls: number } {
  const original = tf.getKernel(name, 'wasm');
  if (!original) throw new Error(`no wasm ${name}`);
  const counter = { calls: 0 };
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: (params) => {
      counter.calls++;
      return original.kernelFunc(params);
    },
  });
  return counter;
}

describe('faster wasm forward kernels', () => {
  it('give the cpu numbers', async () => {
    await tf.setBackend('wasm');
    expect(registerWasmFastKernels()).toBe(true);
    const clips = countCalls('ClipByValue');
    const depthwise = countCalls('FusedDepthwiseConv2D');
    const cpu = await outputs('cpu');
    const wasm = await outputs('wasm');
    // the three scalar cases and the three batch norms (the op makes [60, 3] 4-D) took them
    expect([clips.calls, depthwise.calls]).toEqual([3, 3]);
    cpu.forEach((o, k) => {
      expect(wasm[k]).toHaveLength(o.length);
      o.forEach((v, i) => expect(wasm[k]?.[i]).toBeCloseTo(v, 4));
    });
  });

  it('leave no data behind', async () => {
    registerWasmFastKernels();
    await outputs('wasm');
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const before = backend.numDataIds();
    await outputs('wasm');
    expect(backend.numDataIds()).toBe(before);
  });
});
