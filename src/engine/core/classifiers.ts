/** Classifiers that are not a single LayersModel: plain functions (tests) and ensembles. */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from './classifier';
import { EngineError } from './errors';
import { logSoftmaxStable } from './stableSoftmax';

export function classifierFromFunction(
  id: string,
  numClasses: number,
  inputShape: [number, number, number],
  fn: (images: tf.Tensor4D) => tf.Tensor2D,
): Classifier {
  return {
    id,
    numClasses,
    inputShape: [...inputShape],
    logits: (images) => tf.tidy(() => fn(images)),
  };
}

/**
 * The ensemble predicts the mean of its members' probabilities; its logits are the log of that
 * mean, computed stably as logsumexp_m(log softmax(z_m)) - log(M), so softmax(logits) = mean p
 * (logSoftmaxStable: a saturated member keeps its true-class gradient term).
 * Members count with their softmax probabilities (an RBF member's 'exp' rule is not used), so
 * the mean is normalised and the ensemble keeps the default 'softmax' rule.
 */
export function ensembleClassifier(members: readonly Classifier[], id?: string): Classifier {
  const first = members[0];
  if (first === undefined) throw new EngineError('invalid-argument', 'an ensemble needs members');
  for (const m of members) {
    if (m.numClasses !== first.numClasses || m.inputShape.join() !== first.inputShape.join()) {
      throw new EngineError(
        'invalid-argument',
        `ensemble member ${m.id} does not match ${first.id} in classes or input shape`,
      );
    }
  }
  const logCount = Math.log(members.length);
  return {
    id: id ?? `ensemble(${members.map((m) => m.id).join('+')})`,
    numClasses: first.numClasses,
    inputShape: [...first.inputShape],
    logits: (images) =>
      tf.tidy(() => {
        const logProbs = members.map((m) => logSoftmaxStable(m.logits(images)));
        return tf.sub(tf.logSumExp(tf.stack(logProbs), 0), logCount) as tf.Tensor2D;
      }),
  };
}
