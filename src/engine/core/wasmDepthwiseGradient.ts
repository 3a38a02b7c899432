/**
 * Two convolution input gradients of MobileNet-style nets as wasm forward kernels (XNNPACK,
 * SIMD) instead of typed-array loops or wasm's slow path:
 *  - depthwise (channel multiplier 1, any stride): dy is spread out by the stride (zeros
 *    between its rows and columns), padded, and correlated with the spatially flipped filter:
 *    dx[i] = sum_k u[i + top - k] f[k], u[o s] = dy[o] (spreadByStride; wasmConvGradients does
 *    the same for ordinary strided convolutions);
 *  - pointwise (1x1, stride 1): dx = dy . W^T, one matrix product.
 * Profiled on MobileNet v1 0.25 (`npx tsx bench/mobilenet.ts --profile`): the loops took 44 ms
 * of one FGSM's 171 ms of kernels, the 1x1x1000 -> 256 classifier's input gradient 42 ms as a
 * convolution.
 */
import type * as tf from '@tensorflow/tfjs';
import { convInfo, type ConvGradAttrs } from './convGradKernels';
import { withRunner, type KernelRunner } from './wasmKernelRunner';

type TensorInfo = tf.TensorInfo;

const FORWARD = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 };

/**
 * dy [n, oh, ow, c] spread by the strides: u[o * s] = dy[o], zeros between, [n, oh sh, ow sw, c]
 * (the trailing zeros of the last row and column included). dy itself for stride 1.
 */
export function spreadByStride(run: KernelRunner, dy: TensorInfo, sh: number, sw: number) {
  if (sh === 1 && sw === 1) return dy;
  const [n, oh, ow, ch] = dy.shape as [number, number, number, number];
  const split = run.run('Reshape', { x: dy }, { shape: [n, oh, 1, ow, 1, ch] });
  const zeros = run.run(
    'PadV2',
    { x: split },
    {
      paddings: [
        [0, 0],
        [0, 0],
        [0, sh - 1],
        [0, 0],
        [0, sw - 1],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
  return run.run('Reshape', { x: zeros }, { shape: [n, oh * sh, ow * sw, ch] });
}

/** dx of a depthwise convolution with multiplier 1 on NHWC float32; null when that does not hold. */
export function depthwiseBackpropInputByConv(
  dy: TensorInfo,
  filter: TensorInfo,
  inputShape: number[],
  attrs: ConvGradAttrs,
  backend: object,
): TensorInfo | null {
  const c = convInfo(inputShape, filter.shape, attrs, true);
  const undilated = c.dilationHeight === 1 && c.dilationWidth === 1;
  const nhwc = (attrs.dataFormat ?? 'NHWC') === 'NHWC';
  if (filter.shape[3] !== 1 || !undilated || !nhwc || dy.dtype !== 'float32') return null;
  const sh = c.strideHeight;
  const sw = c.strideWidth;
  const padTop = c.filterHeight - 1 - c.padInfo.top;
  const padLeft = c.filterWidth - 1 - c.padInfo.left;
  // u is dy spread to outH * sh rows (trailing zeros included); pad it to inH + K - 1 rows
  const padBottom = c.inHeight + c.filterHeight - 1 - c.outHeight * sh - padTop;
  const padRight = c.inWidth + c.filterWidth - 1 - c.outWidth * sw - padLeft;
  if (Math.min(padTop, padLeft, padBottom, padRight) < 0) return null;
  return withRunner(backend, (run) => {
    const spread = spreadByStride(run, dy, sh, sw);
    const padded = run.run(
      'PadV2',
      { x: spread },
      {
        paddings: [
          [0, 0],
          [padTop, padBottom],
          [padLeft, padRight],
          [0, 0],
        ],
        constantValue: 0,
      },
    );
    const flipped = run.run('Reverse', { x: filter }, { dims: [0, 1] });
    return run.run('DepthwiseConv2dNative', { x: padded, filter: flipped }, FORWARD);
  });
}

/** dx of a 1x1, stride-1, unpadded NHWC float32 convolution as dy . W^T; null otherwise. */
export function pointwiseBackpropInput(
  dy: TensorInfo,
  filter: TensorInfo,
  inputShape: number[],
  attrs: ConvGradAttrs,
  backend: object,
): TensorInfo | null {
  const [kh, kw, inC, outC] = filter.shape as [number, number, number, number];
  const c = convInfo(inputShape, filter.shape, attrs, false);
  const unit = c.strideHeight === 1 && c.strideWidth === 1;
  const nhwc = (attrs.dataFormat ?? 'NHWC') === 'NHWC';
  if (kh !== 1 || kw !== 1 || !unit || !nhwc || dy.dtype !== 'float32') return null;
  const pixels = inputShape.slice(0, 3).reduce((a, b) => a * b, 1);
  return withRunner(backend, (run) => {
    const rows = run.run('Reshape', { x: dy }, { shape: [1, pixels, outC] });
    const w = run.run('Reshape', { x: filter }, { shape: [1, inC, outC] });
    const product = run.run(
      'BatchMatMul',
      { a: rows, b: w },
      { transposeA: false, transposeB: true },
    );
    return run.run('Reshape', { x: product }, { shape: inputShape });
  });
}
