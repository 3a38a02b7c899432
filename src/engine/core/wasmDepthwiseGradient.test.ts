/**
 * MobileNet's input gradients on wasm as forward kernels (depthwise with any stride, pointwise
 * as a product) equal the cpu backend's, and the filter gradients that attacks drop are skipped
 * inside onlyInputGradients without changing the input gradient. No data is left behind.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { onlyInputGradients } from './inputGradientScope';
import { registerWasmFallbackKernels } from './wasmFallbackKernels';

const values = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => Math.cos(i * 7.31 + seed) * 0.5);

interface Case {
  kernel: number;
  stride: number;
  pad: 'same' | 'valid';
  size: [number, number];
}

/** input and filter gradients of sum(w_out * depthwise(x) -> pointwise), on `backend` */
async function gradients(backend: string, c: Case, inputOnly = false): Promise<number[][]> {
  await tf.setBackend(backend);
  await tf.ready();
  const grads = tf.tidy(() => {
    const x = tf.tensor4d(values(2 * c.size[0] * c.size[1] * 3, 1), [2, ...c.size, 3]);
    const dw = tf.tensor4d(values(c.kernel * c.kernel * 3, 2), [c.kernel, c.kernel, 3, 1]);
    const pw = tf.tensor4d(values(3 * 4, 3), [1, 1, 3, 4]);
    const f = (input: tf.Tensor, depthwise: tf.Tensor, pointwise: tf.Tensor) => {
      const h = tf.depthwiseConv2d(input as tf.Tensor4D, depthwise as tf.Tensor4D, c.stride, c.pad);
      // a fused pointwise convolution, as tfjs-layers runs it (its custom gradient asks for dW)
      const y = tf.fused.conv2d({
        x: h,
        filter: pointwise as tf.Tensor4D,
        strides: 1,
        pad: 'same',
      });
      return y.mul(tf.tensor(values(y.size, 4), y.shape)).sum();
    };
    if (inputOnly) {
      return [onlyInputGradients(() => tf.grad((input) => f(input, dw, pw))(x))];
    }
    return tf.grads(f)([x, dw, pw]);
  });
  const out = await Promise.all(grads.map(async (g) => Array.from(await g.data())));
  tf.dispose(grads);
  return out;
}

const CASES: Case[] = [
  { kernel: 3, stride: 1, pad: 'same', size: [6, 7] },
  { kernel: 3, stride: 2, pad: 'same', size: [8, 8] },
  { kernel: 3, stride: 2, pad: 'same', size: [7, 9] },
  { kernel: 2, stride: 2, pad: 'valid', size: [6, 6] },
  { kernel: 3, stride: 2, pad: 'valid', size: [9, 8] },
];

describe('wasm depthwise and pointwise input gradients', () => {
  it.each(CASES)('give the cpu gradients (%j)', async (c) => {
    registerWasmFallbackKernels();
    const cpu = await gradients('cpu', c);
    const wasm = await gradients('wasm', c);
    cpu.forEach((g, k) => {
      expect(wasm[k]).toHaveLength(g.length);
      expect(g.some((v) => v !== 0)).toBe(true);
      g.forEach((v, i) => expect(wasm[k]?.[i]).toBeCloseTo(v, 4));
    });
    // the input gradient alone, filter gradients skipped: the same numbers
    const [alone] = await gradients('wasm', c, true);
    cpu[0]?.forEach((v, i) => expect(alone?.[i]).toBeCloseTo(v, 4));
  });

  it('frees every intermediate', async () => {
    registerWasmFallbackKernels();
    const c = CASES[1] as Case;
    await gradients('wasm', c);
    const before = tf.memory().numTensors;
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const dataBefore = backend.numDataIds();
    await gradients('wasm', c);
    await gradients('wasm', c, true);
    expect(tf.memory().numTensors).toBe(before);
    expect(backend.numDataIds()).toBe(dataBefore);
  });
});
