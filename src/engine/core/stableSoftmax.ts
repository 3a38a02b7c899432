/**
 * Softmax-family ops whose gradients keep what float32 rounds away on confident inputs.
 *
 * When one class dominates (a logit gap above ~17), float32 rounds its probability to exactly 1,
 * so every gradient formula of the form "p_j - 1" or "dy_j - p_j * sum(dy)" cancels to 0 for that
 * class. tfjs's own logSoftmax and softmaxCrossEntropy gradients are of that form: on 17% of the
 * MNIST test images the FGSM gradient lost its true-class term (the one that pushes the true
 * class down, usually the largest). Here every "1 - p_j" is formed as the sum of the other
 * classes' probabilities, each tiny but representable, so nothing cancels.
 */
import * as tf from '@tensorflow/tfjs';

type GradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

/**
 * tf.customGrad with typed inputs: tfjs passes the save function as the last argument of one
 * untyped rest parameter; this splits it off once.
 */
export function customGradient(
  f: (inputs: tf.Tensor[], save: tf.GradSaveFunc) => { value: tf.Tensor; gradFunc: GradFunc },
): (...inputs: tf.Tensor[]) => tf.Tensor {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    return f(args.slice(0, -1) as tf.Tensor[], save);
  });
}

/** [C, C] with 0 on the diagonal and 1 elsewhere: x @ it sums each row's other entries. */
function othersMatrix(classes: number): tf.Tensor2D {
  return tf.sub(tf.onesLike(tf.eye(classes)), tf.eye(classes)) as tf.Tensor2D;
}

/**
 * Sum over i != j of x[b, i], for every j: a product with a 0-diagonal matrix adds the other
 * entries only, so the dominant class gets the (exact) sum of the small ones, never 1 - 1.
 */
export function sumOfOthers(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(x, othersMatrix(x.shape[1])));
}

const logSoftmaxOp = customGradient(([z], save) => {
  const value = tf.logSoftmax(z as tf.Tensor2D);
  save([value]);
  return {
    value,
    // d/dz_j = dy_j - p_j * sum_i dy_i = dy_j * (sum_{i!=j} p_i) - p_j * (sum_{i!=j} dy_i)
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [logP] = saved;
      if (logP === undefined) throw new Error('logSoftmaxStable: saved value missing');
      const p = tf.exp(logP) as tf.Tensor2D;
      const g = dy as tf.Tensor2D;
      return tf.sub(tf.mul(g, sumOfOthers(p)), tf.mul(p, sumOfOthers(g)));
    },
  };
});

/** log softmax over the classes of [batch, classes], with a gradient that survives p_j = 1. */
export function logSoftmaxStable(logits: tf.Tensor2D): tf.Tensor2D {
  return logSoftmaxOp(logits) as tf.Tensor2D;
}

/**
 * Softmax over the classes other than each row's `oneHot` class (that class gets 0). It is
 * (p - onehot) / (1 - p_y) without the true class: the loss gradient scaled per image by a
 * positive number, which leaves the direction of every input gradient (and its sign) unchanged
 * but never underflows, even where every p_k (k != y) is below float32's smallest number.
 */
export function softmaxOfOthers(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() =>
    tf.softmax(tf.where(tf.cast(oneHot, 'bool'), tf.fill(logits.shape, -Infinity), logits)),
  );
}

/** Floor for log(p) where p underflowed to 0: log of float32's smallest normal number. */
const LOG_OF_ZERO = Math.log(1.1754943508222875e-38);

const logOfProbabilitiesOp = customGradient(([input], save) => {
  const p = input as tf.Tensor;
  save([p]);
  const positive = tf.greater(p, 0);
  return {
    value: tf.where(
      positive,
      tf.log(tf.where(positive, p, tf.onesLike(p))),
      tf.fill(p.shape, LOG_OF_ZERO),
    ),
    // d log p / dp = 1 / p; 0 where p = 0 (the floor is constant there), never NaN or Infinity.
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [q] = saved;
      if (q === undefined) throw new Error('logOfProbabilities: saved value missing');
      const safe = tf.where(tf.greater(q, 0), q, tf.onesLike(q));
      return tf.where(tf.greater(q, 0), tf.div(dy, safe), tf.zerosLike(dy));
    },
  };
});

/**
 * log p of a model's own probabilities (a softmax the engine cannot see past). Unlike
 * log(p + floor), the gradient is exactly 1/p for every p > 0, so the chain rule through the
 * model's softmax recovers p - onehot with the true-class term intact; a floor would swamp the
 * tiny p_k of a confident image and lose that term again.
 */
export function logOfProbabilities(p: tf.Tensor2D): tf.Tensor2D {
  return logOfProbabilitiesOp(p) as tf.Tensor2D;
}
