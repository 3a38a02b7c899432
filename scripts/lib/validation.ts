/**
 * What early stopping minimises. 'clean': the error on the held-out images. 'fgsm': the error
 * under FGSM, which rewards a network that learns to defeat its own one-step attack (gradient
 * masking) as much as one that resists it. 'robust': the mean error over clean images, FGSM,
 * PGD (10 steps from a random start, on the first 1,000 images) and both same-max-norm noises,
 * so an epoch that masks the gradient (FGSM low, PGD or noise high) does not win.
 */
import * as tf from '@tensorflow/tfjs';
import { attackBatch, type AttackSpec } from '../../src/engine/core/attack';
import type { Classifier } from '../../src/engine/core/classifier';
import type { LabelledSet } from './trainingData';

export type ValidationKind = 'clean' | 'fgsm' | 'robust';

const EVAL_CHUNK = 1000;
const PGD_IMAGES = 1000;
const PGD_STEPS = 10;

/** The attack applied to a chunk of images (null: clean), given its labels and chunk index. */
export type ChunkAttack = ((labels: tf.Tensor1D, chunk: number) => AttackSpec) | null;

/** Number of images of `set` the classifier gets wrong (after `attack` when given). */
export async function countErrors(
  c: Classifier,
  set: LabelledSet,
  attack: ChunkAttack,
): Promise<number> {
  const [h, w, ch] = c.inputShape;
  let errors = 0;
  for (let start = 0, chunk = 0; start < set.count; start += EVAL_CHUNK, chunk++) {
    const n = Math.min(EVAL_CHUNK, set.count - start);
    const wrong = tf.tidy(() => {
      const x = tf.tensor4d(set.x.subarray(start * set.dim, (start + n) * set.dim), [n, h, w, ch]);
      const y = tf.tensor1d(set.labels.subarray(start, start + n), 'int32');
      const input = attack === null ? x : attackBatch(c, x, attack(y, chunk));
      return tf.notEqual(tf.argMax(c.logits(input), 1), y).sum();
    });
    errors += (await wrong.data())[0] ?? 0;
    wrong.dispose();
  }
  return errors;
}

/** The first `count` images of `set`. */
function head(set: LabelledSet, count: number): LabelledSet {
  const n = Math.min(count, set.count);
  return {
    x: set.x.subarray(0, n * set.dim),
    labels: set.labels.subarray(0, n),
    count: n,
    dim: set.dim,
  };
}

export interface ValidationResult {
  error: number;
  /** each part of a 'robust' error, for the log */
  parts: Record<string, number>;
}

export async function validationError(
  c: Classifier,
  set: LabelledSet,
  kind: ValidationKind,
  eps: number,
): Promise<ValidationResult> {
  const rate = async (s: LabelledSet, attack: ChunkAttack) =>
    (await countErrors(c, s, attack)) / s.count;
  const fgsm: ChunkAttack = (labels) => ({ mode: 'fgsm', eps, labels });
  if (kind === 'clean') {
    const error = await rate(set, null);
    return { error, parts: { clean: error } };
  }
  if (kind === 'fgsm') {
    const error = await rate(set, fgsm);
    return { error, parts: { fgsm: error } };
  }
  // fixed seeds: every epoch is judged on the same noise and the same random starts
  const parts = {
    clean: await rate(set, null),
    fgsm: await rate(set, fgsm),
    pgd: await rate(head(set, PGD_IMAGES), (labels, chunk) => ({
      mode: 'pgd',
      eps,
      labels,
      steps: PGD_STEPS,
      randomStart: true,
      seed: 1000 + chunk,
    })),
    sign: await rate(set, (labels, chunk) => ({ mode: 'random-sign', eps, labels, seed: chunk })),
    uniform: await rate(set, (labels, chunk) => ({ mode: 'uniform', eps, labels, seed: chunk })),
  };
  const values = Object.values(parts);
  return { error: values.reduce((a, b) => a + b, 0) / values.length, parts };
}
