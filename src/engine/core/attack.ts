/**
 * The batched attacks, as synchronous tensor ops: FGSM (Goodfellow et al. 2015), its targeted
 * variant, the two same-max-norm noise controls, and PGD (iterated FGSM with projection; not in
 * the paper, a stronger comparison). The training and evaluation scripts call these directly.
 */
import * as tf from '@tensorflow/tfjs';
import type { AttackMode } from '../api';
import { createRng } from '../../shared/rng';
import type { Classifier } from './classifier';
import { EngineError } from './errors';
import { gradientSign } from './gradient';
import {
  checkClassIndex,
  checkClip,
  checkEps,
  checkMode,
  checkSeed,
  checkStepSize,
  checkSteps,
  type ClipRange,
} from './validate';

export interface AttackSpec {
  mode: AttackMode;
  /** max-norm of the perturbation */
  eps: number;
  /** labels whose loss the untargeted attacks raise (fgsm, untargeted pgd), one per image */
  labels?: Int32Array | tf.Tensor1D;
  /** class(es) whose loss the targeted attacks lower ('targeted', pgd when given) */
  target?: number | Int32Array;
  /** pgd: iterations (default 10) */
  steps?: number;
  /** pgd: step size (default eps / 4) */
  stepSize?: number;
  /** clip range of the result (default [0, 1]); null: no clipping */
  clip?: ClipRange | null;
  /** seed of the noise modes and of pgd's random start (default 0) */
  seed?: number;
  /** pgd: start from a uniform random point of the eps-box instead of x (default false) */
  randomStart?: boolean;
  /**
   * draws of the seed's stream skipped before the noise (default 0): a share of a batch passes
   * its first row times the row size, and gets its rows' part of the whole batch's noise
   */
  noiseOffset?: number;
}

function invalid(message: string): never {
  throw new EngineError('invalid-argument', message);
}

function clipTo(x: tf.Tensor4D, clip: ClipRange | null): tf.Tensor4D {
  return clip === null ? x : tf.clipByValue(x, clip[0], clip[1]);
}

/** A constant Int32 label tensor for the batch, from one class, or from one label per image. */
function labelTensor(
  c: Classifier,
  batch: number,
  labels: number | Int32Array | tf.Tensor1D,
  name: string,
): tf.Tensor1D {
  if (labels instanceof tf.Tensor) {
    if (labels.shape[0] !== batch)
      invalid(`${name} has ${labels.shape[0]} entries, batch ${batch}`);
    return labels.toInt();
  }
  if (typeof labels === 'number') {
    checkClassIndex(labels, c.numClasses, name);
    return tf.fill([batch], labels, 'int32');
  }
  if (labels.length !== batch) invalid(`${name} has ${labels.length} entries, batch ${batch}`);
  labels.forEach((label) => checkClassIndex(label, c.numClasses, name));
  return tf.tensor1d(labels, 'int32');
}

/** Same-shape noise from the seeded CPU generator (identical on every backend). */
function noiseLike(
  x: tf.Tensor4D,
  seed: number,
  fill: 'sign' | 'uniform',
  eps: number,
  offset: number,
): tf.Tensor4D {
  const rng = createRng(seed, offset);
  const values = new Float32Array(x.size);
  if (fill === 'sign') rng.fillSign(values, eps);
  else rng.fillUniform(values, -eps, eps);
  return tf.tensor4d(values, x.shape, 'float32');
}

/**
 * FGSM: clip(x + eps * sign(grad_x J(x, y))). Synchronous, so adversarial training can call it
 * every minibatch (call it outside optimizer.minimize: the sign has no useful gradient anyway).
 */
export function fgsmBatch(
  c: Classifier,
  x: tf.Tensor4D,
  labels: tf.Tensor1D,
  eps: number,
  clip: ClipRange | null = [0, 1],
): tf.Tensor4D {
  return tf.tidy(() => clipTo(tf.add(x, tf.mul(eps, gradientSign(c, x, labels))), clip));
}

/** Targeted FGSM: clip(x - eps * sign(grad_x J(x, target))), a step down the target's loss. */
export function targetedFgsmBatch(
  c: Classifier,
  x: tf.Tensor4D,
  targets: tf.Tensor1D,
  eps: number,
  clip: ClipRange | null = [0, 1],
): tf.Tensor4D {
  return tf.tidy(() => clipTo(tf.sub(x, tf.mul(eps, gradientSign(c, x, targets))), clip));
}

interface PgdOptions {
  eps: number;
  steps: number;
  stepSize: number;
  clip: ClipRange | null;
  /** +1 raises the loss of `labels` (untargeted), -1 lowers it (targeted) */
  direction: 1 | -1;
  randomStart: boolean;
  seed: number;
  noiseOffset: number;
}

/**
 * PGD: x_{k+1} = P(x_k + direction * stepSize * sign(grad J(x_k))), where P projects onto the
 * eps-box around x and then onto the clip range (the intersection of two boxes, so one clamp
 * after the other is the exact projection).
 */
function pgdBatch(c: Classifier, x: tf.Tensor4D, labels: tf.Tensor1D, o: PgdOptions): tf.Tensor4D {
  const lower = tf.sub(x, o.eps);
  const upper = tf.add(x, o.eps);
  const project = (t: tf.Tensor4D): tf.Tensor4D =>
    clipTo(tf.minimum(tf.maximum(t, lower), upper), o.clip);
  let current: tf.Tensor4D = o.randomStart
    ? tf.tidy(() => project(tf.add(x, noiseLike(x, o.seed, 'uniform', o.eps, o.noiseOffset))))
    : tf.clone(x);
  try {
    for (let step = 0; step < o.steps; step++) {
      const next = tf.tidy(() =>
        project(
          tf.add(current, tf.mul(o.direction * o.stepSize, gradientSign(c, current, labels))),
        ),
      );
      current.dispose();
      current = next;
    }
    return current;
  } catch (e) {
    current.dispose();
    throw e;
  } finally {
    lower.dispose();
    upper.dispose();
  }
}

/** Runs one attack on a batch; checks its arguments and returns the clipped adversarial batch. */
export function attackBatch(c: Classifier, x: tf.Tensor4D, spec: AttackSpec): tf.Tensor4D {
  const mode = checkMode(spec.mode);
  const eps = checkEps(spec.eps);
  const clip = spec.clip === null ? null : checkClip(spec.clip ?? [0, 1]);
  const seed = checkSeed(spec.seed);
  const noiseOffset = spec.noiseOffset ?? 0;
  if (!Number.isInteger(noiseOffset) || noiseOffset < 0) {
    invalid(`noiseOffset must be a non-negative integer, got ${String(spec.noiseOffset)}`);
  }
  const batch = x.shape[0];
  const needLabels = (): number | Int32Array | tf.Tensor1D => {
    if (spec.labels === undefined) invalid(`mode '${mode}' needs labels`);
    return spec.labels;
  };
  const needTarget = (): number | Int32Array => {
    if (spec.target === undefined) invalid(`mode '${mode}' needs a target`);
    return spec.target;
  };

  switch (mode) {
    case 'fgsm':
      return tf.tidy(() =>
        fgsmBatch(c, x, labelTensor(c, batch, needLabels(), 'labels'), eps, clip),
      );
    case 'targeted':
      return tf.tidy(() =>
        targetedFgsmBatch(c, x, labelTensor(c, batch, needTarget(), 'target'), eps, clip),
      );
    case 'random-sign':
    case 'uniform': {
      const fill = mode === 'random-sign' ? 'sign' : 'uniform';
      return tf.tidy(() => clipTo(tf.add(x, noiseLike(x, seed, fill, eps, noiseOffset)), clip));
    }
    case 'pgd': {
      const targeted = spec.target !== undefined;
      const options: PgdOptions = {
        eps,
        clip,
        seed,
        noiseOffset,
        steps: checkSteps(spec.steps),
        stepSize: spec.stepSize === undefined ? eps / 4 : checkStepSize(spec.stepSize),
        direction: targeted ? -1 : 1,
        randomStart: spec.randomStart === true,
      };
      const labels = targeted
        ? labelTensor(c, batch, needTarget(), 'target')
        : labelTensor(c, batch, needLabels(), 'labels');
      try {
        return pgdBatch(c, x, labels, options);
      } finally {
        labels.dispose();
      }
    }
  }
}
