import type * as tf from '@tensorflow/tfjs';

/**
 * How a classifier's scores z become the probabilities (and confidences) the engine reports:
 * 'softmax' normalises them; 'exp' reads z as per-class log-probabilities, exp(z), not summing
 * to 1 (the RBF network's p_i = exp(s_i), as the paper reports its confidence).
 */
export type ProbabilityRule = 'softmax' | 'exp';

/**
 * A model as the engine ops see it: a differentiable map from a batch of images in pixel
 * space [0, 1] (NHWC) to logits. Adapters hide each model's own input shape, value range and
 * output kind, so FGSM and friends are written once for every model.
 */
export interface Classifier {
  readonly id: string;
  readonly numClasses: number;
  /** [height, width, channels] */
  readonly inputShape: [number, number, number];
  /** logits [batch, numClasses]; must be differentiable with respect to `images` */
  logits(images: tf.Tensor4D): tf.Tensor2D;
  /**
   * How probabilities are read off the logits (default 'softmax'). Only what is reported
   * changes: every attack's objective stays softmax cross-entropy on the logits.
   */
  readonly probabilityRule?: ProbabilityRule;
}
