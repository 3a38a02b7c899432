/**
 * Fooling images (paper appendix): start from Gaussian noise x ~ N(0, I) (not clipped, as in the
 * rubbish-class experiment) and step x <- x + eps * grad_x p(y = i | x) toward a class i until the
 * model gives i probability > 0.5. An image stops moving once it succeeds. 'sign' steps use
 * eps * sign(grad) instead (max-norm eps per step, FGSM-like). Plain gradient steps stall where
 * the softmax saturates (p ~ 0 gives grad p ~ 0): that is the rule's own behaviour, reported as is.
 */
import * as tf from '@tensorflow/tfjs';
import type { FoolingClassRow, FoolingExperimentResult, NoiseExample } from '../../experimentTypes';
import type { Classifier } from '../classifier';
import { exactSign } from '../gradient';
import { logProbabilitiesOf, probabilitiesOf } from '../probabilities';
import { checkClassIndex, MAX_STEPS } from '../validate';
import { readFloat32 } from '../tensors';
import {
  checkSeed,
  chunksFor,
  invalid,
  ProgressCounter,
  seededNoise,
  type ExperimentHooks,
  withBudget,
} from './common';
import { RUBBISH_THRESHOLD } from './rubbish';

export interface FoolingOptions {
  /** target classes (default: every class) */
  classes?: readonly number[];
  /** starting images per class */
  count: number;
  steps: number;
  eps: number;
  direction?: 'gradient' | 'sign';
  seed: number;
}

/** p(y = target | x) for the batch, [n]: softmax, or exp(s) for an RBF model. */
function targetProbability(c: Classifier, x: tf.Tensor4D, target: number): tf.Tensor1D {
  return tf.tidy(() => {
    const p = probabilitiesOf(c, c.logits(x));
    return tf.reshape(tf.slice(p, [0, target], [-1, 1]), [-1]) as tf.Tensor1D;
  });
}

/** log p(y = target | x) for the batch, [n] (no underflow where p is tiny). */
function targetLogProbability(c: Classifier, x: tf.Tensor4D, target: number): tf.Tensor1D {
  return tf.tidy(() => {
    const logP = logProbabilitiesOf(c, c.logits(x));
    return tf.reshape(tf.slice(logP, [0, target], [-1, 1]), [-1]) as tf.Tensor1D;
  });
}

/**
 * x + eps * active * d; `active` is 1 or 0 per image. 'gradient': d = grad_x p(target | x), the
 * paper's rule. 'sign': d = sign(grad_x log p(target | x)), which is sign(grad_x p) since
 * grad p = p * grad log p with p > 0, but does not underflow to 0 where p is tiny.
 */
function fooledStep(
  c: Classifier,
  x: tf.Tensor4D,
  target: number,
  eps: number,
  sign: boolean,
  active: Float32Array,
): tf.Tensor4D {
  return tf.tidy(() => {
    const objective = sign ? targetLogProbability : targetProbability;
    const gradient = tf.grad((input: tf.Tensor) =>
      tf.sum(objective(c, input as tf.Tensor4D, target)),
    )(x) as tf.Tensor4D;
    const direction = sign ? exactSign(gradient) : gradient;
    const mask = tf.tensor4d(active, [active.length, 1, 1, 1]);
    return tf.add(x, tf.mul(tf.mul(mask, eps), direction)) as tf.Tensor4D;
  });
}

function checkOptions(c: Classifier, o: FoolingOptions): number[] {
  if (typeof o !== 'object' || o === null) invalid('fooling options must be an object');
  const classes = o.classes ?? Array.from({ length: c.numClasses }, (_, i) => i);
  if (classes.length === 0) invalid('choose at least one class');
  classes.forEach((k) => checkClassIndex(k, c.numClasses, 'class'));
  if (!Number.isInteger(o.count) || o.count < 1 || o.count > 100_000) {
    invalid(`count must be an integer within 1..100000, got ${o.count}`);
  }
  if (!Number.isInteger(o.steps) || o.steps < 0 || o.steps > MAX_STEPS) {
    invalid(`steps must be an integer within 0..${MAX_STEPS}, got ${o.steps}`);
  }
  if (typeof o.eps !== 'number' || !Number.isFinite(o.eps) || o.eps <= 0) {
    invalid(`eps must be a positive finite number, got ${String(o.eps)}`);
  }
  if (o.direction !== undefined && o.direction !== 'gradient' && o.direction !== 'sign') {
    invalid(`direction must be 'gradient' or 'sign', got ${String(o.direction)}`);
  }
  checkSeed(o.seed);
  return [...classes];
}

export async function foolingImages(
  c: Classifier,
  options: FoolingOptions,
  hooks: ExperimentHooks = {},
): Promise<FoolingExperimentResult> {
  const classes = checkOptions(c, options);
  const { count, steps, eps, seed } = options;
  const direction = options.direction ?? 'gradient';
  const shape: [number, number, number] = [...c.inputShape];
  const size = shape[0] * shape[1] * shape[2];
  const progress = new ProgressCounter(hooks, classes.length * count * Math.max(1, steps));
  progress.checkCancel();

  const rows: FoolingClassRow[] = [];
  for (let k = 0; k < classes.length; k++) {
    const target = classes[k] as number;
    /** successes per step (index = step), summed over chunks */
    const successCounts = new Array<number>(steps + 1).fill(0);
    let stepsSum = 0;
    let successes = 0;
    let best: NoiseExample | null = null;
    for (const [start, n] of chunksFor(count, await withBudget(hooks, [c]))) {
      // Item numbers run over classes, so every class starts from its own noise.
      const noise = seededNoise(seed, k * count + start, n, size, 'gaussian');
      let x = tf.tensor4d(noise, [n, ...shape]);
      const successAt = new Int32Array(n).fill(-1);
      try {
        let p: Float32Array;
        for (let step = 0; ; step++) {
          const pT = targetProbability(c, x, target);
          try {
            p = await readFloat32(pT);
          } finally {
            pT.dispose();
          }
          const active = new Float32Array(n);
          for (let i = 0; i < n; i++) {
            if (successAt[i] === -1 && (p[i] as number) > RUBBISH_THRESHOLD) successAt[i] = step;
            active[i] = successAt[i] === -1 ? 1 : 0;
          }
          if (step === steps || !active.includes(1)) {
            if (step < steps) await progress.step(n * (steps - step), `class ${target}`);
            break;
          }
          const next = fooledStep(c, x, target, eps, direction === 'sign', active);
          x.dispose();
          x = next;
          await progress.step(n, `class ${target}: step ${step + 1} of ${steps}`);
        }
        for (let i = 0; i < n; i++) {
          const at = successAt[i] as number;
          if (at >= 0) {
            successes++;
            stepsSum += at;
            for (let s = at; s <= steps; s++) successCounts[s] = (successCounts[s] ?? 0) + 1;
          }
        }
        let bestHere = 0;
        for (let i = 1; i < n; i++) if ((p[i] as number) > (p[bestHere] as number)) bestHere = i;
        const confidence = p[bestHere] as number;
        if (best === null || confidence > best.confidence) {
          const values = await readFloat32(x);
          best = {
            index: start + bestHere,
            predictedClass: target,
            confidence,
            image: values.slice(bestHere * size, (bestHere + 1) * size),
          };
        }
      } finally {
        x.dispose();
      }
    }
    rows.push({
      targetClass: target,
      successByStep: successCounts.map((s) => s / count),
      meanStepsToSuccess: successes > 0 ? stepsSum / successes : 0,
      example: best as NoiseExample,
    });
  }
  return {
    kind: 'fooling',
    modelId: c.id,
    eps,
    steps,
    count,
    direction,
    seed,
    shape,
    rows,
  };
}
