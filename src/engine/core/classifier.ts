import type * as tf from '@tensorflow/tfjs';

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
}
