/** The loss J and its input gradient, the one quantity every gradient attack is built on. */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from './classifier';

/**
 * Summed softmax cross-entropy from logits: J = sum_b -log softmax(z_b)[y_b]. Summing (not
 * averaging) keeps each image's gradient equal to the gradient of its own loss. Every model is
 * attacked through this loss, an RBF network too (on its scores s, whatever its probabilityRule):
 * the rule only changes which probabilities are reported.
 */
export function crossEntropySum(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels.toInt(), logits.shape[1]);
    return tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits))));
  });
}

/** Per-image cross-entropy [batch]. */
export function crossEntropyPerImage(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels.toInt(), logits.shape[1]);
    return tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1));
  });
}

/** grad_x J(x, y) for a batch: each image gets the gradient of its own loss. */
export function lossGradient(c: Classifier, x: tf.Tensor4D, labels: tf.Tensor1D): tf.Tensor4D {
  return tf.tidy(() => {
    const gradient = tf.grad((input: tf.Tensor) =>
      crossEntropySum(c.logits(input as tf.Tensor4D), labels),
    );
    return gradient(x) as tf.Tensor4D;
  });
}

/**
 * sign(t) by comparison with 0. tfjs-backend-wasm 4.22's Sign kernel returns 0 for |t| below
 * about 1.2e-7 (float32 epsilon), which left up to 16% of an MLP's pixels unperturbed by FGSM;
 * comparisons are exact on every backend.
 */
export function exactSign<T extends tf.Tensor>(t: T): T {
  return tf.tidy(() =>
    tf.sub(tf.cast(tf.greater(t, 0), 'float32'), tf.cast(tf.less(t, 0), 'float32')),
  ) as T;
}

/** The FGSM direction sign(grad_x J(x, y)), max-norm 1 (0 where the gradient is exactly 0). */
export function gradientSign(c: Classifier, x: tf.Tensor4D, labels: tf.Tensor1D): tf.Tensor4D {
  return tf.tidy(() => exactSign(lossGradient(c, x, labels)));
}
