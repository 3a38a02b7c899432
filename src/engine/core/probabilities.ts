/**
 * Probabilities and confidences as each classifier defines them (see ProbabilityRule). Every
 * place that reports a probability goes through here, so an RBF model's confidence is exp(s)
 * everywhere (predictions, sweeps, cross-sections, experiments) and never softmax(s).
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier, ProbabilityRule } from './classifier';

export function probabilityRuleOf(c: Classifier): ProbabilityRule {
  return c.probabilityRule ?? 'softmax';
}

/** Probabilities [batch, classes] from logits [batch, classes] under `rule`. */
export function probabilitiesFrom(rule: ProbabilityRule, logits: tf.Tensor2D): tf.Tensor2D {
  return rule === 'exp' ? tf.exp(logits) : tf.softmax(logits);
}

/** log of probabilitiesFrom, without underflow where a probability is tiny. */
export function logProbabilitiesFrom(rule: ProbabilityRule, logits: tf.Tensor2D): tf.Tensor2D {
  return rule === 'exp' ? logits : tf.logSoftmax(logits);
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
