/** The loss J and its input gradient, the one quantity every gradient attack is built on. */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from './classifier';
import { onlyInputGradients } from './inputGradientScope';
import { customGradient, logSoftmaxStable, softmaxOfOthers } from './stableSoftmax';

/**
 * Per-image softmax cross-entropy from logits, -log softmax(z_b)[y_b], [batch]. Its gradient is
 * p - onehot(y) with the true-class entry formed as -sum_{k != y} p_k (logSoftmaxStable), so it
 * survives p_y rounding to 1. Every model is attacked through this loss, an RBF network too (on
 * its scores s, whatever its probabilityRule): the rule only changes what is reported.
 */
export function crossEntropyPerImage(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels.toInt(), logits.shape[1]);
    return tf.neg(tf.sum(tf.mul(oneHot, logSoftmaxStable(logits)), 1));
  });
}

/**
 * Summed cross-entropy, J = sum_b J_b. Summing (not averaging) keeps each image's gradient equal
 * to the gradient of its own loss.
 */
export function crossEntropySum(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(crossEntropyPerImage(logits, labels)));
}

/** grad_x J(x, y) for a batch: each image gets the gradient of its own loss. */
export function lossGradient(c: Classifier, x: tf.Tensor4D, labels: tf.Tensor1D): tf.Tensor4D {
  return tf.tidy(() => {
    const gradient = tf.grad((input: tf.Tensor) =>
      crossEntropySum(c.logits(input as tf.Tensor4D), labels),
    );
    return onlyInputGradients(() => gradient(x) as tf.Tensor4D);
  });
}

/**
 * The cross-entropy with its logit gradient scaled per image by 1 / (1 - p_y): softmax of the
 * other classes minus onehot(y). A positive per-image factor leaves every input gradient's
 * direction unchanged, and this form never underflows (the largest entry of the other classes'
 * softmax is at least 1 / (C - 1)), whatever the logit gap.
 */
const directionLoss = customGradient(([logits, oneHot], save) => {
  const z = logits as tf.Tensor2D;
  const y = oneHot as tf.Tensor2D;
  save([z, y]);
  return {
    value: tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(z)))),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [zs, ys] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.mul(dy, tf.sub(softmaxOfOthers(zs, ys), ys)), tf.zerosLike(ys)];
    },
  };
});

/** grad_x J(x, y) up to a positive factor per image: the direction FGSM and PGD step along. */
export function lossDirection(c: Classifier, x: tf.Tensor4D, labels: tf.Tensor1D): tf.Tensor4D {
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels.toInt(), c.numClasses).toFloat();
    const gradient = tf.grad((input: tf.Tensor) =>
      directionLoss(c.logits(input as tf.Tensor4D), oneHot),
    );
    return onlyInputGradients(() => gradient(x) as tf.Tensor4D);
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
  return tf.tidy(() => exactSign(lossDirection(c, x, labels)));
}
