/**
 * The gradient of one share of a training step's batch (trainStep.ts): every random thing of the
 * step (the seed of x~'s noise or random start, the dropout masks of the clean and the perturbed
 * pass) is drawn for the whole batch first, in one order, and each share gets its rows of it, so
 * a step cut into shares computes the whole batch's gradient up to floating-point summation
 * order. A share's loss is weighted by its part of the batch, so the shares' gradients add up to
 * the gradient of the batch's mean loss. The one-way step is one share of all rows.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../../shared/rng';
import type { Classifier } from '../classifier';
import { perturbForTraining, type PerturbationSpec } from '../trainingObjective';
import type { PeerTrainShare, ShareGradients, TrainShare } from '../../trainingTypes';
import { batchLoss, correctCount, type LossKind } from './loss';

export type { PeerTrainShare, ShareGradients, TrainShare } from '../../trainingTypes';

export interface TrainingObjective {
  /** weight of the clean loss J(x, y); 1 - alpha goes to J(x~, y) */
  alpha: number;
  /** how x~ is made */
  perturbation: PerturbationSpec;
}

/** What computes a share's gradient: the model and the step's loss. */
export interface StepModel {
  /** layers applied in order; dropout[i] is applied to the input of layer i */
  model: tf.Sequential;
  /** the engine's view of `model` (logits of [0, 1] NHWC images): x~ is made through it */
  classifier: Classifier;
  loss: LossKind;
  /** dropout rate on the input of each layer, training only */
  dropout: readonly number[];
  /** null: plain training on J(x, y) */
  objective: TrainingObjective | null;
}

/** The random draws of one step, for the whole batch. */
export interface StepDraws {
  /** seeds x~'s noise or random start */
  noiseSeed: number;
  /**
   * inverted dropout masks (0 or 1 / (1 - rate)), n rows each: for every layer with dropout in
   * order, first the clean pass's, then the perturbed pass's
   */
  masks: Float32Array[];
}

/** A share's gradient (in the trainable variables' order), weighted loss and correct count. */
export interface ShareTensors {
  grads: tf.Tensor[];
  loss: tf.Scalar;
  correct: tf.Scalar;
}

const product = (shape: readonly (number | null)[]): number =>
  shape.reduce<number>((a, b) => a * (b ?? 1), 1);

/** Values per image of the input of layer i (the model's input for the first layer). */
function inputRowSize(model: tf.Sequential, i: number): number {
  const shape = i === 0 ? model.inputs[0]?.shape : model.layers[i - 1]?.outputShape;
  if (!shape || Array.isArray(shape[0])) throw new Error(`layer ${i} has no single input shape`);
  return product((shape as (number | null)[]).slice(1));
}

/** The widths (values per image) of the step's masks, in StepDraws.masks' order. */
export function maskWidths(m: StepModel): number[] {
  const widths: number[] = [];
  m.model.layers.forEach((_, i) => {
    if ((m.dropout[i] ?? 0) > 0) widths.push(inputRowSize(m.model, i));
  });
  return m.objective ? [...widths, ...widths] : widths;
}

/** The rates of the masks, in StepDraws.masks' order. */
function maskRates(m: StepModel): number[] {
  const rates = m.dropout.filter((rate, i) => rate > 0 && i < m.model.layers.length);
  return m.objective ? [...rates, ...rates] : rates;
}

/** Draws a step's randomness for a batch of n images from `rng`. */
export function drawStep(m: StepModel, n: number, rng: Rng): StepDraws {
  const noiseSeed = Math.floor(rng.next() * 4294967296);
  const rates = maskRates(m);
  const masks = maskWidths(m).map((width, k) => {
    const rate = rates[k] ?? 0;
    const values = new Float32Array(n * width);
    const scale = 1 / (1 - rate);
    for (let i = 0; i < values.length; i++) values[i] = rng.next() >= rate ? scale : 0;
    return values;
  });
  return { noiseSeed, masks };
}

/** Rows [from, to) of a batch and of its draws. */
export function shareOf(
  m: StepModel,
  batch: { x: Float32Array; labels: Int32Array },
  draws: StepDraws,
  from: number,
  to: number,
): TrainShare {
  const n = batch.labels.length;
  const dim = batch.x.length / n;
  const widths = maskWidths(m);
  return {
    from,
    to,
    total: n,
    x: batch.x.subarray(from * dim, to * dim),
    labels: batch.labels.subarray(from, to),
    noiseSeed: draws.noiseSeed,
    masks: draws.masks.map((mask, k) => {
      const width = widths[k] ?? 0;
      return mask.subarray(from * width, to * width);
    }),
  };
}

/** The network's output for a batch, each layer's input multiplied by its next mask. */
function forward(m: StepModel, x: tf.Tensor, masks: Iterator<Float32Array>): tf.Tensor2D {
  let h: tf.Tensor = x;
  m.model.layers.forEach((layer, i) => {
    if ((m.dropout[i] ?? 0) > 0) {
      const mask = masks.next();
      if (mask.done) throw new Error('the share has fewer dropout masks than the model needs');
      h = tf.mul(h, tf.tensor(mask.value, h.shape));
    }
    h = layer.apply(h, { training: true }) as tf.Tensor;
  });
  return h as tf.Tensor2D;
}

/**
 * The gradient of the share's loss, (to - from) / total times the mean loss of its rows (the
 * whole batch's mean loss for a share of all rows), over `variables`; x~ is made here against
 * the current weights, from the rows' part of the batch's noise.
 */
export function shareGradients(
  m: StepModel,
  variables: tf.Variable[],
  share: TrainShare,
): ShareTensors {
  const { objective } = m;
  const rows = share.to - share.from;
  const inputShape = m.model.inputs[0]?.shape.slice(1) as number[];
  const [h, w, ch] = m.classifier.inputShape;
  const x = tf.tensor(share.x, [rows, ...inputShape]);
  const y = tf.tensor1d(share.labels, 'int32');
  const rowSize = h * w * ch;
  // x~ against the current weights, outside the gradient (sign has no gradient)
  const xAdv = objective
    ? tf.tidy(() =>
        perturbForTraining(
          m.classifier,
          x.reshape([rows, h, w, ch]),
          y,
          objective.perturbation,
          share.noiseSeed,
          share.from * rowSize,
        ).reshape([rows, ...inputShape]),
      )
    : null;
  const masks = share.masks[Symbol.iterator]();
  let correct: tf.Scalar | null = null;
  try {
    const { value, grads } = tf.variableGrads(() => {
      const out = forward(m, x, masks);
      correct = tf.keep(correctCount(out, y));
      const clean = batchLoss(m.loss, out, y);
      const loss =
        xAdv === null || objective === null
          ? clean
          : tf.add(
              tf.mul(objective.alpha, clean),
              tf.mul(1 - objective.alpha, batchLoss(m.loss, forward(m, xAdv, masks), y)),
            );
      return rows === share.total ? (loss as tf.Scalar) : tf.mul(loss, rows / share.total);
    }, variables);
    // assigned inside the closure, which TypeScript's narrowing does not see
    const kept = correct as tf.Scalar | null;
    if (kept === null) throw new Error('the training step returned no count');
    return { grads: variables.map((v) => grads[v.name] as tf.Tensor), loss: value, correct: kept };
  } finally {
    tf.dispose([x, y]);
    xAdv?.dispose();
  }
}

/**
 * A peer's side: sets the variables to the share's weights, computes the share's gradient and
 * reads it back (freeing its tensors).
 */
export async function peerShareGradients(
  m: StepModel,
  variables: tf.Variable[],
  share: PeerTrainShare,
): Promise<ShareGradients> {
  if (share.weights.length !== variables.length) {
    throw new Error(`the share has ${share.weights.length} weights, the model ${variables.length}`);
  }
  variables.forEach((v, k) =>
    tf.tidy(() => v.assign(tf.tensor(share.weights[k] as Float32Array, v.shape))),
  );
  const out = shareGradients(m, variables, share);
  try {
    const grads = await Promise.all(out.grads.map((g) => g.data() as Promise<Float32Array>));
    return {
      grads,
      loss: (await out.loss.data())[0] ?? NaN,
      correct: (await out.correct.data())[0] ?? 0,
    };
  } finally {
    tf.dispose([...out.grads, out.loss, out.correct]);
  }
}

/** A peer's answer as tensors shaped like `variables`. */
export function shareTensorsOf(g: ShareGradients, variables: tf.Variable[]): ShareTensors {
  if (g.grads.length !== variables.length) {
    throw new Error(`a peer sent ${g.grads.length} gradients for ${variables.length} variables`);
  }
  return {
    grads: variables.map((v, k) => tf.tensor(g.grads[k] as Float32Array, v.shape)),
    loss: tf.scalar(g.loss),
    correct: tf.scalar(g.correct, 'int32'),
  };
}
