/**
 * Probabilities and confidences as each classifier defines them (see ProbabilityRule). Every
 * place that reports a probability goes through here, so an RBF model's confidence is exp(s)
 * everywhere (predictions, sweeps, cross-sections, experiments) and never softmax(s).
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier, ProbabilityRule } from './classifier';
import { logSoftmaxStable } from './stableSoftmax';
import { readFloat32, readInt32 } from './tensors';

export function probabilityRuleOf(c: Classifier): ProbabilityRule {
  return c.probabilityRule ?? 'softmax';
}

/** Probabilities [batch, classes] from logits [batch, classes] under `rule`. */
export function probabilitiesFrom(rule: ProbabilityRule, logits: tf.Tensor2D): tf.Tensor2D {
  return rule === 'exp' ? tf.exp(logits) : tf.softmax(logits);
}

/**
 * log of probabilitiesFrom, without underflow where a probability is tiny, and with a gradient
 * that survives a probability rounding to 1 (the fooling images' target log-probability).
 */
export function logProbabilitiesFrom(rule: ProbabilityRule, logits: tf.Tensor2D): tf.Tensor2D {
  return rule === 'exp' ? logits : logSoftmaxStable(logits);
}

/** c's probabilities for its own logits. */
export function probabilitiesOf(c: Classifier, logits: tf.Tensor2D): tf.Tensor2D {
  return probabilitiesFrom(probabilityRuleOf(c), logits);
}

/** c's log-probabilities for its own logits. */
export function logProbabilitiesOf(c: Classifier, logits: tf.Tensor2D): tf.Tensor2D {
  return logProbabilitiesFrom(probabilityRuleOf(c), logits);
}

/** Probability of the predicted class (argmax of the logits) per image, [batch]. */
export function confidenceOf(c: Classifier, logits: tf.Tensor2D): tf.Tensor1D {
  return tf.max(probabilitiesOf(c, logits), 1);
}

/**
 * Predicted class (argmax of the logits `logits()` makes, inside a tidy) and its probability
 * (c's own rule) for each row, read back.
 */
export async function readClasses(
  c: Classifier,
  logits: () => tf.Tensor2D,
): Promise<{ predicted: Int32Array; confidence: Float32Array }> {
  const [predictedT, confidenceT] = tf.tidy(() => {
    const z = logits();
    return [tf.argMax(z, 1), confidenceOf(c, z)];
  });
  try {
    const [predicted, confidence] = await Promise.all([
      readInt32(predictedT),
      readFloat32(confidenceT),
    ]);
    return { predicted, confidence };
  } finally {
    predictedT.dispose();
    confidenceT.dispose();
  }
}
