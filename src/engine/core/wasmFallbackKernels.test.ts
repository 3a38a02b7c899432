/**
 * On wasm, the gradients through a fused conv and a depthwise conv (which need the kernels
 * registered by registerWasmFallbackKernels) equal the cpu backend's: with respect to the input
 * (DepthwiseConv2dNativeBackpropInput) and to both filters (Conv2DBackpropFilter,
 * DepthwiseConv2dNativeBackpropFilter), for 'same' and 'valid' padding and strides 1 and 2.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { registerWasmFallbackKernels } from './wasmFallbackKernels';

const values = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5);

/** d/d(x, w1, w2) of sum(relu6(depthwise(fusedconv(x, w1) + b, w2)) * weights), flattened */
async function gradientsOn(
  backend: string,
  pad: 'same' | 'valid',
  stride: number,
): Promise<number[][]> {
  await tf.setBackend(backend);
  await tf.ready();
  const grads = tf.tidy(() => {
    const x = tf.tensor4d(values(2 * 7 * 7 * 3, 1), [2, 7, 7, 3]);
    const w1 = tf.tensor4d(values(3 * 3 * 3 * 4, 2), [3, 3, 3, 4]);
    const b = tf.tensor1d(values(4, 3));
    const w2 = tf.tensor4d(values(3 * 3 * 4 * 2, 4), [3, 3, 4, 2]);
    const f = (input: tf.Tensor, k1: tf.Tensor, k2: tf.Tensor) => {
      const h = tf.fused.conv2d({
        x: input as tf.Tensor4D,
        filter: k1 as tf.Tensor4D,
        strides: stride,
        pad,
        bias: b,
      });
      const d = tf.depthwiseConv2d(h, k2 as tf.Tensor4D, stride, pad);
      const weights = tf.tensor(values(d.size, 5), d.shape);
      return tf.relu6(d).mul(weights).sum();
    };
    return tf.grads(f)([x, w1, w2]);
  });
  const out = await Promise.all(grads.map(async (g) => Array.from(await g.data())));
  tf.dispose(grads);
  return out;
}

describe('wasm fallback gradient kernels', () => {
  it.each([
    ['same', 1],
    ['valid', 1],
    ['same', 2],
    ['valid', 2],
  ] as const)('give the cpu gradients (pad %s, stride %d)', async (pad, stride) => {
    registerWasmFallbackKernels();
    const cpu = await gradientsOn('cpu', pad, stride);
    const wasm = await gradientsOn('wasm', pad, stride);
    expect(wasm.map((g) => g.length)).toEqual(cpu.map((g) => g.length));
    cpu.forEach((g, k) => {
      expect(g.some((v) => v !== 0)).toBe(true);
      g.forEach((v, i) => expect(wasm[k]?.[i]).toBeCloseTo(v, 4));
    });
  });
});
