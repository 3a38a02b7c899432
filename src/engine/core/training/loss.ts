/**
 * The training losses of a batch of network outputs, shared by `npm run train` and the
 * Training lab. The softmax cross-entropy is the engine's own (gradient.ts), whose gradient keeps
 * p_y - 1 where float32 rounds p_y to 1.
 */
import * as tf from '@tensorflow/tfjs';
import { crossEntropyPerImage } from '../gradient';

export type LossKind =
  /** softmax cross-entropy from logits */
  | 'softmax-ce'
  /** sigmoid cross-entropy from one logit (class 1 is the positive class) */
  | 'sigmoid-ce'
  /** per-class Bernoulli likelihood of the RBF's unnormalised p_i = exp(s_i) */
  | 'rbf-per-class';

/** keeps log(1 - p) finite (and its gradient bounded) when p = exp(s) reaches 1 */
const RBF_LOG_FLOOR = 1e-6;

/** Mean loss of a batch of network outputs. */
export function batchLoss(kind: LossKind, out: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    switch (kind) {
      case 'softmax-ce':
        return tf.mean(crossEntropyPerImage(out, labels)) as tf.Scalar;
      case 'sigmoid-ce':
        return tf.losses.sigmoidCrossEntropy(labels.toFloat().reshape([-1, 1]), out) as tf.Scalar;
      case 'rbf-per-class': {
        // s = log p_i <= 0; -sum_i [y_i s_i + (1 - y_i) log(1 - exp(s_i))], batch mean.
        const y = tf.oneHot(labels, out.shape[1]).toFloat();
        const logNot = tf.log(tf.sub(1 + RBF_LOG_FLOOR, tf.exp(out)));
        const perImage = tf.add(tf.mul(y, out), tf.mul(tf.sub(1, y), logNot)).sum(1);
        return tf.neg(perImage.mean()) as tf.Scalar;
      }
    }
  });
}

/** Number of images of the batch the outputs classify correctly (one logit: z > 0 is class 1). */
export function correctCount(out: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() =>
    out.shape[1] === 1
      ? tf.equal(tf.greater(out.reshape([-1]), 0).toInt(), labels).sum()
      : tf.equal(tf.argMax(out, 1), labels).sum(),
  );
}
