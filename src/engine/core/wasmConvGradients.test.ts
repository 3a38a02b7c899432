/**
 * The stride-1 convolution gradients that wasm runs as forward convolutions equal the cpu
 * backend's, for kernel sizes odd and even (asymmetric 'same' padding), 'valid' padding and
 * non-square images (strides 2 and 3 too, which keep wasm's own kernels), and leave no data
 * behind on the wasm backend.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { conv2dBackpropFilterByConv, conv2dBackpropInputByConv } from './wasmConvGradients';
import { registerWasmFallbackKernels } from './wasmFallbackKernels';

const values = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => Math.cos(i * 7.31 + seed) * 0.5);

async function gradients(
  backend: string,
  kernel: number,
  pad: 'same' | 'valid',
  stride = 1,
): Promise<number[][]> {
  await tf.setBackend(backend);
  await tf.ready();
  const grads = tf.tidy(() => {
    const x = tf.tensor4d(values(3 * 6 * 9 * 2, 1), [3, 6, 9, 2]);
    const w = tf.tensor4d(values(kernel * kernel * 2 * 5, 2), [kernel, kernel, 2, 5]);
    const f = (input: tf.Tensor, filter: tf.Tensor) => {
      const y = tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, stride, pad);
      return y.mul(tf.tensor(values(y.size, 3), y.shape)).sum();
    };
    return tf.grads(f)([x, w]);
  });
  const out = await Promise.all(grads.map(async (g) => Array.from(await g.data())));
  tf.dispose(grads);
  return out;
}

describe('wasm convolution gradients as forward convolutions', () => {
  it.each([
    [1, 'same', 1],
    [2, 'same', 1],
    [3, 'same', 1],
    [4, 'same', 1],
    [5, 'valid', 1],
    [3, 'valid', 1],
    [3, 'same', 2],
    [2, 'same', 2],
    [3, 'valid', 2],
    [5, 'same', 3],
  ] as const)(
    'give the cpu gradients (kernel %i, %s, stride %i)',
    async (kernel, pad, stride = 1) => {
      registerWasmFallbackKernels();
      const cpu = await gradients('cpu', kernel, pad, stride);
      const wasm = await gradients('wasm', kernel, pad, stride);
      cpu.forEach((g, k) => {
        expect(wasm[k]).toHaveLength(g.length);
        expect(g.some((v) => v !== 0)).toBe(true);
        g.forEach((v, i) => expect(wasm[k]?.[i]).toBeCloseTo(v, 4));
      });
    },
  );

  it('take stride 1 and leave strided convolutions to the other kernels', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend();
    const x = tf.ones([1, 6, 6, 2]);
    const w = tf.ones([3, 3, 2, 4]);
    for (const stride of [1, 2]) {
      const dy = tf.ones([1, 6 / stride, 6 / stride, 4]);
      const attrs = { strides: stride, pad: 'same' as const };
      const dw = conv2dBackpropFilterByConv(x, dy, w.shape, attrs, backend);
      const dx = conv2dBackpropInputByConv(dy, w, x.shape, attrs, backend);
      expect(dw === null).toBe(stride !== 1);
      expect(dx === null).toBe(stride !== 1);
      if (dw) expect(dw.shape).toEqual(w.shape);
      if (dx) expect(dx.shape).toEqual(x.shape);
      for (const t of [dw, dx]) if (t) tf.engine().makeTensorFromTensorInfo(t).dispose();
      dy.dispose();
    }
    tf.dispose([x, w]);
  });

  it('frees every intermediate', async () => {
    registerWasmFallbackKernels();
    await gradients('wasm', 3, 'same');
    const before = tf.memory().numTensors;
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const dataBefore = backend.numDataIds();
    await gradients('wasm', 3, 'same');
    expect(tf.memory().numTensors).toBe(before);
    expect(backend.numDataIds()).toBe(dataBefore);
  });
});
