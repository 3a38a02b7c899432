/**
 * How the tensor a classifier runs to becomes the logits every attack is written against.
 * softmax(reader(out)) is the model's own probabilities in each case, so what is shown is what
 * the model says, and the attack's cross-entropy is the model's.
 */
import * as tf from '@tensorflow/tfjs';
import { logOfProbabilities } from './stableSoftmax';

export type OutputReader = (out: tf.Tensor2D) => tf.Tensor2D;

/** the names own-model plans use for the readers below */
export type OutputRead = 'logits' | 'log-p' | 'binary-logit' | 'binary-p';

export const asLogits: OutputReader = (out) => out;
/** log p with the exact gradient 1/p, so the chain rule through the model's softmax keeps p - onehot. */
export const fromProbabilities: OutputReader = (p) => logOfProbabilities(p);
/** One sigmoid logit z becomes [0, z]: softmax([0, z]) = [1 - sigmoid(z), sigmoid(z)]. */
export const fromBinaryLogit: OutputReader = (z) => tf.concat([tf.zerosLike(z), z], 1);
/** A sigmoid probability p becomes [log(1 - p), log(p)]; its softmax is [1 - p, p]. */
export const fromBinaryProbability: OutputReader = (p) =>
  logOfProbabilities(tf.concat([tf.sub(1, p), p], 1));

export const OUTPUT_READERS: Record<OutputRead, OutputReader> = {
  logits: asLogits,
  'log-p': fromProbabilities,
  'binary-logit': fromBinaryLogit,
  'binary-p': fromBinaryProbability,
};
