/** Predictions: logits, probabilities, the top class and its probability, read back in one go. */
import * as tf from '@tensorflow/tfjs';
import type { ImageData01, Prediction } from '../api';
import type { Classifier, ProbabilityRule } from './classifier';
import { fittingBatch } from './memoryBudget';
import { probabilitiesFrom, probabilityRuleOf } from './probabilities';
import { readFloat32, imagesToTensor } from './tensors';
import { checkImages } from './validate';

/** Images per forward pass when predicting many images (keeps memory bounded). */
export const PREDICT_BATCH = 1024;

/** Index of the largest value in values[start, start + length) (first one on ties). */
export function argMaxRange(values: Float32Array, start: number, length: number): number {
  let best = 0;
  for (let k = 1; k < length; k++) {
    if ((values[start + k] as number) > (values[start + best] as number)) best = k;
  }
  return best;
}

/** Does not dispose `logits`: the caller owns it. `rule`: the classifier's probabilityRule. */
export async function predictionsFromLogits(
  logits: tf.Tensor2D,
  rule: ProbabilityRule,
): Promise<Prediction[]> {
  const [batch, numClasses] = logits.shape;
  const probabilitiesT = tf.tidy(() => probabilitiesFrom(rule, logits));
  let logitValues: Float32Array;
  let probabilityValues: Float32Array;
  try {
    [logitValues, probabilityValues] = await Promise.all([
      readFloat32(logits),
      readFloat32(probabilitiesT),
    ]);
  } finally {
    probabilitiesT.dispose();
  }
  return Array.from({ length: batch }, (_, b) => {
    const start = b * numClasses;
    const probabilities = probabilityValues.slice(start, start + numClasses);
    // argmax of the logits: probabilities can tie in float32 where the logits still differ.
    const predictedClass = argMaxRange(logitValues, start, numClasses);
    return {
      logits: logitValues.slice(start, start + numClasses),
      probabilities,
      predictedClass,
      confidence: probabilities[predictedClass] as number,
    };
  });
}

/** Predicts a batch of images; validates them first. */
export async function predictImages(
  c: Classifier,
  images: readonly ImageData01[],
): Promise<Prediction[]> {
  checkImages(c.inputShape, images);
  const predictions: Prediction[] = [];
  const batch = await fittingBatch(c, Math.min(PREDICT_BATCH, images.length));
  for (let start = 0; start < images.length; start += batch) {
    const logits = tf.tidy(() => {
      const x = imagesToTensor(images.slice(start, start + batch));
      return c.logits(x);
    });
    try {
      predictions.push(...(await predictionsFromLogits(logits, probabilityRuleOf(c))));
    } finally {
      logits.dispose();
    }
  }
  return predictions;
}

/** The model's own labels argmax z for a batch, as a tensor (for 'predicted' label sources). */
export function predictedLabels(c: Classifier, x: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => tf.argMax(c.logits(x), 1) as tf.Tensor1D);
}
