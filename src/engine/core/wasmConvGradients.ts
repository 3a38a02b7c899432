/**
 * The two gradients of a stride-1 convolution on wasm, rewritten as forward convolutions so
 * they run on wasm's fast Conv2D (XNNPACK, SIMD):
 *  - input gradient: dx = a 'full' convolution of dy with the filter flipped in space and with
 *    its channel axes swapped;
 *  - filter gradient: with the batch as the channel axis, dW^T = a 'valid' convolution of
 *    x^T [Cin, H', W', B] by dy^T [outH, outW, B, Cout] (a filter as large as the image).
 * tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter and a slow Conv2DBackpropInput. Measured on
 * 2 cores, one Adam step of a 32-64-128 VGG-style net, batch 64 of 32x32x3 (.cache-free command:
 * `npx tsx bench/convTrainStep.ts`): filter gradient 963 ms as patches + matMul, 280 ms as a
 * convolution (the typed-array loops of convGradKernels took longer still); input gradient
 * 1,170 ms with wasm's own kernel. Strided or dilated convolutions keep the other kernels.
 */
import * as tf from '@tensorflow/tfjs';
import { convInfo, type ConvGradAttrs } from './convGradKernels';
import { pointwiseBackpropInput } from './wasmDepthwiseGradient';
import { withRunner } from './wasmKernelRunner';

type TensorInfo = tf.TensorInfo;

/** The geometry when the convolution has stride 1, no dilation and NHWC data; else null. */
function unitStrideInfo(
  xShape: number[],
  filterShape: number[],
  attrs: ConvGradAttrs,
): tf.backend_util.Conv2DInfo | null {
  const c = convInfo(xShape, filterShape, attrs, false);
  const unit = c.strideHeight === 1 && c.strideWidth === 1;
  const undilated = c.dilationHeight === 1 && c.dilationWidth === 1;
  const nhwc = (attrs.dataFormat ?? 'NHWC') === 'NHWC';
  return unit && undilated && nhwc ? c : null;
}

const FORWARD_ATTRS = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 };

/** dW of a stride-1, dilation-1 NHWC float32 convolution; null when that does not hold. */
export function conv2dBackpropFilterByConv(
  x: TensorInfo,
  dy: TensorInfo,
  filterShape: number[],
  attrs: ConvGradAttrs,
  backend: object,
): TensorInfo | null {
  const c = unitStrideInfo(x.shape, filterShape, attrs);
  if (!c || x.dtype !== 'float32' || dy.dtype !== 'float32') return null;
  const { top, left } = c.padInfo;
  // for stride 1 the padded image is exactly outH + K - 1 rows (and columns)
  const bottom = c.outHeight + c.filterHeight - 1 - top - c.inHeight;
  const right = c.outWidth + c.filterWidth - 1 - left - c.inWidth;
  if (bottom < 0 || right < 0) return null;
  return withRunner(backend, (run) => {
    const padded =
      top + bottom + left + right === 0
        ? x
        : run.run(
            'PadV2',
            { x },
            {
              paddings: [
                [0, 0],
                [top, bottom],
                [left, right],
                [0, 0],
              ],
              constantValue: 0,
            },
          );
    const xT = run.run('Transpose', { x: padded }, { perm: [3, 1, 2, 0] });
    const dyT = run.run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
    const dwT = run.run('Conv2D', { x: xT, filter: dyT }, FORWARD_ATTRS);
    return run.run('Transpose', { x: dwT }, { perm: [1, 2, 0, 3] });
  });
}

/**
 * dx of a stride-1, undilated NHWC float32 convolution; null when that does not hold. The same
 * works for strides with dy spread out first (spreadByStride), but measured on MobileNet's
 * first layer (224x224x3, 3x3 stride 2, 8 filters) it took 18.6 ms against 5.7 ms for wasm's
 * own kernel (fastest of 30; XNNPACK sets up a convolution for each new 226x226 input), so
 * strided convolutions keep wasm's kernel.
 */
export function conv2dBackpropInputByConv(
  dy: TensorInfo,
  filter: TensorInfo,
  inputShape: number[],
  attrs: ConvGradAttrs,
  backend: object,
): TensorInfo | null {
  const c = convInfo(inputShape, filter.shape, attrs, false);
  const undilated = c.dilationHeight === 1 && c.dilationWidth === 1;
  const nhwc = (attrs.dataFormat ?? 'NHWC') === 'NHWC';
  const unit = c.strideHeight === 1 && c.strideWidth === 1;
  if (!unit || !undilated || !nhwc || dy.dtype !== 'float32' || filter.dtype !== 'float32')
    return null;
  // a 'full' correlation of dy: padded by K-1-top above, enough below for inH rows
  const padTop = c.filterHeight - 1 - c.padInfo.top;
  const padLeft = c.filterWidth - 1 - c.padInfo.left;
  const padBottom = c.inHeight + c.filterHeight - 1 - c.outHeight - padTop;
  const padRight = c.inWidth + c.filterWidth - 1 - c.outWidth - padLeft;
  if (Math.min(padTop, padLeft, padBottom, padRight) < 0) return null;
  return withRunner(backend, (run) => {
    const padded = run.run(
      'PadV2',
      { x: dy },
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
    const swapped = run.run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] });
    return run.run('Conv2D', { x: padded, filter: swapped }, FORWARD_ATTRS);
  });
}

let inputGradientRegistered = false;

/**
 * Replaces wasm's Conv2DBackpropInput by the forward-convolution form where it applies (the
 * original kernel stays for the rest). Call after the wasm backend is imported.
 */
export function registerWasmConvInputGradient(): boolean {
  if (inputGradientRegistered) return true;
  const original = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (original === undefined) return false;
  tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: (params) => {
      const dy = params.inputs['dy'];
      const filter = params.inputs['filter'];
      const attrs = params.attrs as unknown as ConvGradAttrs & { inputShape: number[] };
      const fast =
        dy && filter
          ? (pointwiseBackpropInput(dy, filter, attrs.inputShape, attrs, params.backend) ??
            conv2dBackpropInputByConv(dy, filter, attrs.inputShape, attrs, params.backend))
          : null;
      return fast ?? original.kernelFunc(params);
    },
  });
  inputGradientRegistered = true;
  return true;
}
