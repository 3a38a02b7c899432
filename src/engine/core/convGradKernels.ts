/**
 * Plain typed-array loops for the three convolution gradients the wasm backend lacks (NHWC).
 * tfjs' cpu kernels index through TensorBuffer.get and are ~50x slower: MobileNet's FGSM took
 * 5 s with them. Each loop walks the output positions once and accumulates with the channel
 * loop innermost (contiguous in NHWC).
 */
import * as tf from '@tensorflow/tfjs';

type Conv2DInfo = tf.backend_util.Conv2DInfo;

export interface ConvGradAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dilations?: number | [number, number];
  dataFormat?: 'NHWC' | 'NCHW';
}

/** tfjs' geometry of an NHWC convolution (output size, padding, strides, dilations). */
export function convInfo(
  xShape: number[],
  filterShape: number[],
  attrs: ConvGradAttrs,
  depthwise: boolean,
): Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    depthwise,
    'channelsLast',
  );
}

/**
 * Calls `visit(xBase, yBase, wBase)` for every (batch, output row, output col, filter row,
 * filter col) whose input pixel lies inside the image: element offsets of the pixel in x, the
 * output position in dy, and the filter tap in w (channel offsets are the caller's).
 */
function forEachTap(
  c: Conv2DInfo,
  outChannels: number,
  visit: (x: number, y: number, w: number) => void,
): void {
  const inC = c.inChannels;
  const top = c.padInfo.top;
  const left = c.padInfo.left;
  const tapSize = c.filterShape[2] * c.filterShape[3];
  for (let b = 0; b < c.batchSize; b++) {
    for (let yR = 0; yR < c.outHeight; yR++) {
      for (let yC = 0; yC < c.outWidth; yC++) {
        const y = ((b * c.outHeight + yR) * c.outWidth + yC) * outChannels;
        for (let wR = 0; wR < c.filterHeight; wR++) {
          const xR = yR * c.strideHeight + wR * c.dilationHeight - top;
          if (xR < 0 || xR >= c.inHeight) continue;
          for (let wC = 0; wC < c.filterWidth; wC++) {
            const xC = yC * c.strideWidth + wC * c.dilationWidth - left;
            if (xC < 0 || xC >= c.inWidth) continue;
            visit(
              ((b * c.inHeight + xR) * c.inWidth + xC) * inC,
              y,
              (wR * c.filterWidth + wC) * tapSize,
            );
          }
        }
      }
    }
  }
}

/** dW[wR, wC, i, o] = sum over taps of x[.., i] * dy[.., o] */
export function conv2dBackpropFilter(
  x: Float32Array,
  xShape: number[],
  dy: Float32Array,
  filterShape: number[],
  attrs: ConvGradAttrs,
): Float32Array {
  const c = convInfo(xShape, filterShape, attrs, false);
  const inC = c.inChannels;
  const outC = c.outChannels;
  const dw = new Float32Array(filterShape.reduce((a, b) => a * b, 1));
  forEachTap(c, outC, (xb, yb, wb) => {
    for (let i = 0; i < inC; i++) {
      const xv = x[xb + i] as number;
      if (xv === 0) continue;
      const row = wb + i * outC;
      for (let o = 0; o < outC; o++) {
        dw[row + o] = (dw[row + o] as number) + xv * (dy[yb + o] as number);
      }
    }
  });
  return dw;
}

/** dx[.., d] = sum over taps and multipliers q of dy[.., d*m + q] * f[wR, wC, d, q] */
export function depthwiseBackpropInput(
  dy: Float32Array,
  filter: Float32Array,
  xShape: number[],
  filterShape: number[],
  attrs: ConvGradAttrs,
): Float32Array {
  const c = convInfo(xShape, filterShape, attrs, true);
  const inC = c.inChannels;
  const m = filterShape[3] as number;
  const dx = new Float32Array(xShape.reduce((a, b) => a * b, 1));
  forEachTap(c, inC * m, (xb, yb, wb) => {
    for (let d = 0; d < inC; d++) {
      let sum = 0;
      for (let q = 0; q < m; q++)
        sum += (dy[yb + d * m + q] as number) * (filter[wb + d * m + q] as number);
      dx[xb + d] = (dx[xb + d] as number) + sum;
    }
  });
  return dx;
}

/** dW[wR, wC, d, q] = sum over taps of x[.., d] * dy[.., d*m + q] */
export function depthwiseBackpropFilter(
  x: Float32Array,
  xShape: number[],
  dy: Float32Array,
  filterShape: number[],
  attrs: ConvGradAttrs,
): Float32Array {
  const c = convInfo(xShape, filterShape, attrs, true);
  const inC = c.inChannels;
  const m = filterShape[3] as number;
  const dw = new Float32Array(filterShape.reduce((a, b) => a * b, 1));
  forEachTap(c, inC * m, (xb, yb, wb) => {
    for (let d = 0; d < inC; d++) {
      const xv = x[xb + d] as number;
      for (let q = 0; q < m; q++) {
        const k = wb + d * m + q;
        dw[k] = (dw[k] as number) + xv * (dy[yb + d * m + q] as number);
      }
    }
  });
  return dw;
}
