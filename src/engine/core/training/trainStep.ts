/**
 * One minibatch step of training, the single implementation `npm run train`
 * (scripts/lib/trainLoop.ts) and the Training lab (labRun.ts) share: x~ made against the current
 * weights, the loss alpha*J(x, y) + (1 - alpha)*J(x~, y) with seeded inverted dropout, one Adam
 * step, then the layers' constraints (maxout's max-norm) projected.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../../shared/rng';
import type { Classifier } from '../classifier';
import { perturbForTraining, type PerturbationSpec } from '../trainingObjective';
import { batchLoss, correctCount, type LossKind } from './loss';

export interface TrainingObjective {
  /** weight of the clean loss J(x, y); 1 - alpha goes to J(x~, y) */
  alpha: number;
  /** how x~ is made */
  perturbation: PerturbationSpec;
}

export interface TrainerOptions {
  /** layers applied in order; dropout[i] is applied to the input of layer i */
  model: tf.Sequential;
  /** the engine's view of `model` (logits of [0, 1] NHWC images): x~ is made through it */
  classifier: Classifier;
  loss: LossKind;
  /** dropout rate on the input of each layer, training only */
  dropout: readonly number[];
  /** null: plain training on J(x, y) */
  objective: TrainingObjective | null;
  learningRate: number;
}

/** A step's batch loss and number of correctly classified training images (kept tensors). */
export interface StepTensors {
  loss: tf.Scalar;
  correct: tf.Scalar;
}

export interface Batch {
  /** n images, flat, in [0, 1] */
  x: Float32Array;
  labels: Int32Array;
}

/** Inverted dropout: keep with probability 1 - rate, scaled by 1 / (1 - rate); seeded CPU noise. */
function dropoutMask(shape: number[], rate: number, rng: Rng): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  const scale = 1 / (1 - rate);
  for (let i = 0; i < size; i++) values[i] = rng.next() >= rate ? scale : 0;
  return tf.tensor(values, shape);
}

/** The network's output for a flat batch, with dropout drawn from `rng` when given. */
function forward(model: tf.Sequential, x: tf.Tensor, dropout: readonly number[], rng: Rng | null) {
  let h: tf.Tensor = x;
  model.layers.forEach((layer, i) => {
    const rate = dropout[i] ?? 0;
    if (rng !== null && rate > 0) h = tf.mul(h, dropoutMask(h.shape, rate, rng));
    h = layer.apply(h, { training: rng !== null }) as tf.Tensor;
  });
  return h as tf.Tensor2D;
}

/** Projects every weight with a constraint (maxout's max column norm) back into its set. */
export function applyConstraints(model: tf.LayersModel): void {
  for (const w of model.trainableWeights) {
    if (w.constraint != null) tf.tidy(() => void w.write(w.constraint.apply(w.read())));
  }
}

export class Trainer {
  readonly optimizer: tf.AdamOptimizer;
  private readonly variables: tf.Variable[];
  /** the model's own input shape: flat for the MLPs, [h, w, c] for the conv net */
  private readonly modelInputShape: number[];

  constructor(private readonly o: TrainerOptions) {
    this.optimizer = tf.train.adam(o.learningRate);
    this.variables = o.model.trainableWeights.map((v) => v.read() as tf.Variable);
    this.modelInputShape = o.model.inputs[0]?.shape.slice(1) as number[];
  }

  /** tfjs' Adam has no setter; it reads this field at every step. */
  set learningRate(value: number) {
    (this.optimizer as unknown as { learningRate: number }).learningRate = value;
  }

  /**
   * One step on `batch`. Draws, in this order, the seed of x~'s noise or random start, then the
   * dropout masks of the clean and the perturbed pass, so a seeded run repeats exactly.
   */
  step(batch: Batch, rng: Rng): StepTensors {
    const { model, classifier, loss, dropout, objective } = this.o;
    const [h, w, ch] = classifier.inputShape;
    const n = batch.labels.length;
    const x = tf.tensor(batch.x, [n, ...this.modelInputShape]);
    const y = tf.tensor1d(batch.labels, 'int32');
    const noiseSeed = Math.floor(rng.next() * 4294967296);
    // x~ against the current weights, outside the gradient closure (sign has no gradient)
    const xAdv = objective
      ? tf.tidy(() =>
          perturbForTraining(
            classifier,
            x.reshape([n, h, w, ch]),
            y,
            objective.perturbation,
            noiseSeed,
          ).reshape([n, ...this.modelInputShape]),
        )
      : null;
    let correct: tf.Scalar | null = null;
    try {
      const cost = this.optimizer.minimize(
        () => {
          const out = forward(model, x, dropout, rng);
          correct = tf.keep(correctCount(out, y));
          const clean = batchLoss(loss, out, y);
          if (xAdv === null || objective === null) return clean;
          const adv = batchLoss(loss, forward(model, xAdv, dropout, rng), y);
          return tf.add(tf.mul(objective.alpha, clean), tf.mul(1 - objective.alpha, adv));
        },
        true,
        this.variables,
      );
      applyConstraints(model);
      // assigned inside the closure, which TypeScript's narrowing does not see
      const kept = correct as tf.Scalar | null;
      if (cost === null || kept === null) throw new Error('the training step returned no loss');
      return { loss: cost, correct: kept };
    } finally {
      tf.dispose([x, y]);
      xAdv?.dispose();
    }
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}
