/**
 * The eps-sweep of the paper's Fig. 4: fix d = sign(grad_x J(x, y)) at the clean image, then
 * evaluate the logits of x + eps * d for eps on a symmetric grid, all points in one batch.
 */
import * as tf from '@tensorflow/tfjs';
import type { ImageData01, SweepParams, SweepResult } from '../api';
import { symmetricGrid } from '../../shared/epsGrid';
import type { Classifier } from './classifier';
import { firstLayerOf } from './firstLayer';
import { gradientSign } from './gradient';
import { lossLabelOf } from './labels';
import { fittingBatch } from './memoryBudget';
import { argMaxRange } from './predict';
import { probabilitiesOf } from './probabilities';
import { imageToTensor, readFloat32 } from './tensors';
import { checkImage, checkSweepParams, type ClipRange } from './validate';

/** Pixel values per forward pass; the usual sweeps (MNIST, CIFAR) fit in one batch. */
export const SWEEP_MAX_ELEMENTS = 4 * 1024 * 1024;

/** x + eps_i * d for every eps_i, as one batch [eps.length, h, w, c], optionally clipped. */
export function stepAlong(
  x: tf.Tensor4D,
  d: tf.Tensor4D,
  eps: Float32Array,
  clip: ClipRange | null,
): tf.Tensor4D {
  return tf.tidy(() => {
    const batch = tf.add(x, tf.mul(tf.tensor4d(eps, [eps.length, 1, 1, 1]), d));
    return (clip === null ? batch : tf.clipByValue(batch, clip[0], clip[1])) as tf.Tensor4D;
  });
}

export async function sweepImage(
  c: Classifier,
  image: ImageData01,
  params: SweepParams,
): Promise<SweepResult> {
  checkImage(c.inputShape, image);
  const p = checkSweepParams(params, c.numClasses);
  const numClasses = c.numClasses;
  const eps = symmetricGrid(p.epsMax, p.points);
  const x = imageToTensor(image);
  let d: tf.Tensor4D | null = null;
  let line: { z0: tf.Tensor2D; dz: tf.Tensor2D } | null = null;
  try {
    const lossLabel = await lossLabelOf(c, x, p);
    d = tf.tidy(() => gradientSign(c, x, tf.tensor1d([lossLabel], 'int32')));
    const logits = new Float32Array(p.points * numClasses);
    const probabilities = new Float32Array(p.points * numClasses);
    const direction = d;
    // Without clipping the first layer is linear along the line: Wx + eps Wd per point.
    const split = p.clip === null ? firstLayerOf(c) : undefined;
    if (split) {
      line = tf.tidy(() => ({ z0: split.preactivation(x), dz: split.linear(direction) }));
    }
    const pointSize = line ? line.z0.size : x.size;
    const byElements = Math.max(1, Math.floor(SWEEP_MAX_ELEMENTS / pointSize));
    const chunk = split ? byElements : await fittingBatch(c, Math.min(byElements, p.points));
    for (let start = 0; start < p.points; start += chunk) {
      const epsChunk = eps.subarray(start, start + chunk);
      const { z, prob } = tf.tidy(() => {
        let out: tf.Tensor2D;
        if (split && line) {
          const steps = tf.tensor2d(epsChunk, [epsChunk.length, 1]);
          out = split.logitsFrom(tf.add(line.z0, tf.mul(steps, line.dz)));
        } else {
          out = c.logits(stepAlong(x, direction, epsChunk, p.clip));
        }
        return { z: out, prob: probabilitiesOf(c, out) };
      });
      try {
        const [zValues, probValues] = await Promise.all([readFloat32(z), readFloat32(prob)]);
        logits.set(zValues, start * numClasses);
        probabilities.set(probValues, start * numClasses);
      } finally {
        z.dispose();
        prob.dispose();
      }
    }
    const predictedClass = Int32Array.from({ length: p.points }, (_, i) =>
      argMaxRange(logits, i * numClasses, numClasses),
    );
    return {
      eps,
      numClasses,
      logits,
      probabilities,
      predictedClass,
      direction: await readFloat32(d),
      lossLabel,
    };
  } finally {
    x.dispose();
    d?.dispose();
    line?.z0.dispose();
    line?.dz.dispose();
  }
}
