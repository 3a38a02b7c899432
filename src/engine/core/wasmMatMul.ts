/**
 * A faster wasm BatchMatMul for gradients. tfjs-backend-wasm 4.22 runs products with
 * transposeA/transposeB on a slow path, and every matMul gradient (dy . W^T) asks for one:
 * measured on 2 cores, dy [500, 1200] . W^T with W [784, 1200]: 310 ms; transposing W first and
 * running the plain product: 28 ms. For one row the explicit transpose costs more than it saves
 * (1.0 ms slow path vs 3.3 ms), so it is used only when the product does at least
 * MIN_WORK_PER_MOVED multiply-adds per element the transpose moves (about 8 rows or more).
 * Same math, same result. Only the wasm kernel is touched; call after the wasm backend is
 * imported (its kernels registered).
 */
import * as tf from '@tensorflow/tfjs';

type KernelConfig = ReturnType<typeof tf.getKernel>;
type KernelParams = Parameters<KernelConfig['kernelFunc']>[0];
type TensorInfo = NonNullable<KernelParams['inputs'][string]>;

/** multiply-adds per transposed element above which transposing first pays (measured: ~4) */
export const MIN_WORK_PER_MOVED = 8;

let registered = false;

function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

const sizeOf = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);

/** Multiply-adds of a (possibly transposed) batched product: batch * m * k * n. */
export function productWork(
  a: readonly number[],
  b: readonly number[],
  transposeA: boolean,
  transposeB: boolean,
): number {
  const m = (transposeA ? a[a.length - 1] : a[a.length - 2]) ?? 1;
  const n = (transposeB ? b[b.length - 2] : b[b.length - 1]) ?? 1;
  const k = (transposeA ? a[a.length - 2] : a[a.length - 1]) ?? 1;
  const batch = Math.max(sizeOf(a.slice(0, -2)), sizeOf(b.slice(0, -2)));
  return batch * m * n * k;
}

/** Whether to transpose the flagged operands explicitly before a plain product. */
export function transposeFirst(
  a: readonly number[],
  b: readonly number[],
  transposeA: boolean,
  transposeB: boolean,
): boolean {
  if (!transposeA && !transposeB) return false;
  const moved = (transposeA ? sizeOf(a) : 0) + (transposeB ? sizeOf(b) : 0);
  return productWork(a, b, transposeA, transposeB) >= MIN_WORK_PER_MOVED * moved;
}

/** Re-registers wasm's BatchMatMul with the explicit transpose; false when wasm is missing. */
export function registerWasmMatMul(): boolean {
  if (registered) return true;
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (original === undefined || transpose === undefined) return false;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: (params: KernelParams) => {
      const attrs = params.attrs as { transposeA?: boolean; transposeB?: boolean };
      const tA = attrs.transposeA === true;
      const tB = attrs.transposeB === true;
      const a = params.inputs['a'] as TensorInfo;
      const b = params.inputs['b'] as TensorInfo;
      if (!transposeFirst(a.shape, b.shape, tA, tB)) return original.kernelFunc(params);
      const temporaries: TensorInfo[] = [];
      const explicit = (t: TensorInfo, flagged: boolean): TensorInfo => {
        if (!flagged) return t;
        const out = transpose.kernelFunc({
          inputs: { x: t },
          backend: params.backend,
          attrs: { perm: swapLastTwo(t.shape.length) },
        }) as TensorInfo;
        temporaries.push(out);
        return out;
      };
      try {
        return original.kernelFunc({
          ...params,
          inputs: { ...params.inputs, a: explicit(a, tA), b: explicit(b, tB) },
          attrs: { ...params.attrs, transposeA: false, transposeB: false },
        });
      } finally {
        const backend = params.backend as { disposeData(dataId: object): void };
        for (const t of temporaries) backend.disposeData(t.dataId);
      }
    },
  });
  registered = true;
  return true;
}
