/**
 * The training loop every recipe shares: seeded shuffles and dropout masks, minibatch steps with
 * the recipe's loss (optionally the paper's adversarial objective), constraints projected after
 * every step, validation after every epoch, early stopping that keeps the best epoch's weights.
 */
import * as tf from '@tensorflow/tfjs';
import { fgsmBatch } from '../../src/engine/core/attack';
import type { Classifier } from '../../src/engine/core/classifier';
import { crossEntropyPerImage } from '../../src/engine/core/gradient';
import { createRng, type Rng } from '../../src/shared/rng';
import type { LossKind, Recipe } from './architectures';
import { augmentBatch } from './augment';
import { ProgressBar, formatSeconds } from './progressBar';
import { gatherRows, type LabelledSet } from './trainingData';

export interface EpochRecord {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  validationError: number;
  seconds: number;
}

export interface TrainReport {
  epochs: number;
  bestEpoch: number;
  bestValidationError: number;
  /** what the validation error measures: clean or FGSM images */
  validationKind: 'clean' | 'fgsm';
  stoppedBy: 'patience' | 'max-epochs' | 'time';
  seconds: number;
  history: EpochRecord[];
}

export interface TrainOptions {
  recipe: Recipe;
  model: tf.Sequential;
  /** the engine's view of `model` (logits of [0, 1] NHWC images): FGSM and validation use it */
  classifier: Classifier;
  train: LabelledSet;
  validation: LabelledSet;
  seed: number;
  maxEpochs: number;
  log: (line: string) => void;
  /** draw the progress bar on stderr (default true) */
  progress?: boolean;
}

const EVAL_CHUNK = 1000;
/** keeps log(1 - p) finite (and its gradient bounded) when p = exp(s) reaches 1 */
const RBF_LOG_FLOOR = 1e-6;

/** Mean loss of a batch of network outputs. */
export function batchLoss(kind: LossKind, out: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    switch (kind) {
      case 'softmax-ce':
        // the engine's cross-entropy: its gradient keeps p_y - 1 where float32 rounds p_y to 1
        return tf.mean(crossEntropyPerImage(out, labels)) as tf.Scalar;
      case 'sigmoid-ce':
        return tf.losses.sigmoidCrossEntropy(labels.toFloat().reshape([-1, 1]), out) as tf.Scalar;
      case 'rbf-per-class': {
        // s = log p_i <= 0; -sum_i [y_i s_i + (1 - y_i) log(1 - exp(s_i))], batch mean.
        const y = tf.oneHot(labels, out.shape[1]).toFloat();
        const logNot = tf.log(tf.sub(1 + RBF_LOG_FLOOR, tf.exp(out)));
        const perImage = tf.add(tf.mul(y, out), tf.mul(tf.sub(1, y), logNot)).sum(1);
        return tf.neg(perImage.mean()) as tf.Scalar;
      }
    }
  });
}

/** Inverted dropout: keep with probability 1 - rate, scaled by 1 / (1 - rate); seeded CPU noise. */
function dropoutMask(shape: number[], rate: number, rng: Rng): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  const scale = 1 / (1 - rate);
  for (let i = 0; i < size; i++) values[i] = rng.next() >= rate ? scale : 0;
  return tf.tensor(values, shape);
}

/** The network's output for a flat batch, with the recipe's dropout when `rng` is given. */
function forward(model: tf.Sequential, x: tf.Tensor, dropout: number[], rng: Rng | null) {
  let h: tf.Tensor = x;
  model.layers.forEach((layer, i) => {
    const rate = dropout[i] ?? 0;
    if (rng !== null && rate > 0) h = tf.mul(h, dropoutMask(h.shape, rate, rng));
    h = layer.apply(h, { training: rng !== null }) as tf.Tensor;
  });
  return h as tf.Tensor2D;
}

function shuffled(count: number, rng: Rng): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = t;
  }
  return order;
}

/** Number of images of `set` the classifier gets wrong (after FGSM when `eps` is given). */
export async function countErrors(
  c: Classifier,
  set: LabelledSet,
  eps: number | null,
): Promise<number> {
  const [h, w, ch] = c.inputShape;
  let errors = 0;
  for (let start = 0; start < set.count; start += EVAL_CHUNK) {
    const n = Math.min(EVAL_CHUNK, set.count - start);
    const wrong = tf.tidy(() => {
      const x = tf.tensor4d(set.x.subarray(start * set.dim, (start + n) * set.dim), [n, h, w, ch]);
      const y = tf.tensor1d(set.labels.subarray(start, start + n), 'int32');
      const input = eps === null ? x : fgsmBatch(c, x, y, eps, [0, 1]);
      return tf.notEqual(tf.argMax(c.logits(input), 1), y).sum();
    });
    errors += (await wrong.data())[0] ?? 0;
    wrong.dispose();
  }
  return errors;
}

function applyConstraints(model: tf.LayersModel): void {
  for (const w of model.trainableWeights) {
    if (w.constraint != null) tf.tidy(() => void w.write(w.constraint.apply(w.read())));
  }
}

export async function trainModel(o: TrainOptions): Promise<TrainReport> {
  const { recipe, model, classifier, train, validation } = o;
  const [h, w, ch] = classifier.inputShape;
  // the model's own input shape: flat for the MLPs, [h, w, c] for the conv net
  const modelInputShape = model.inputs[0]?.shape.slice(1) as number[];
  const rng = createRng(o.seed);
  const optimizer = tf.train.adam(recipe.learningRate);
  const variables = model.trainableWeights.map((v) => v.read() as tf.Variable);
  const adversarial = recipe.adversarial;
  const validationKind = adversarial ? 'fgsm' : 'clean';
  const stepsPerEpoch = Math.ceil(train.count / recipe.batchSize);
  const started = Date.now();
  const history: EpochRecord[] = [];
  let best: tf.Tensor[] | null = null;
  let bestError = Infinity;
  let bestEpoch = 0;
  let stoppedBy: TrainReport['stoppedBy'] = 'max-epochs';

  try {
    for (let epoch = 1; epoch <= o.maxEpochs; epoch++) {
      const epochStart = Date.now();
      // tfjs's Adam has no setter; it reads this field at every step.
      (optimizer as unknown as { learningRate: number }).learningRate =
        recipe.learningRate * recipe.learningRateDecay ** (epoch - 1);
      const order = shuffled(train.count, rng);
      const bar = new ProgressBar({
        total: stepsPerEpoch,
        label: `epoch ${epoch}/${o.maxEpochs}`,
        silent: o.progress === false,
      });
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      for (let step = 0; step < stepsPerEpoch; step++) {
        const rows = order.subarray(step * recipe.batchSize, (step + 1) * recipe.batchSize);
        const batch = gatherRows(train, rows);
        const n = rows.length;
        if (recipe.augment) augmentBatch(batch.x, [n, h, w, ch], recipe.augment, rng);
        const x = tf.tensor(batch.x, [n, ...modelInputShape]);
        const y = tf.tensor1d(batch.labels, 'int32');
        // x_adv against the current weights, outside the gradient closure (sign has no gradient).
        const xAdv = adversarial
          ? tf.tidy(() =>
              fgsmBatch(classifier, x.reshape([n, h, w, ch]), y, adversarial.eps, [0, 1]).reshape([
                n,
                ...modelInputShape,
              ]),
            )
          : null;
        let correctNow: tf.Scalar | null = null;
        const cost = optimizer.minimize(
          () => {
            const out = forward(model, x, recipe.dropout, rng);
            correctNow = tf.keep(
              out.shape[1] === 1
                ? tf.equal(tf.greater(out.reshape([-1]), 0).toInt(), y).sum()
                : tf.equal(tf.argMax(out, 1), y).sum(),
            );
            const clean = batchLoss(recipe.loss, out, y);
            if (xAdv === null) return clean;
            const adv = batchLoss(recipe.loss, forward(model, xAdv, recipe.dropout, rng), y);
            return tf.add(
              tf.mul(adversarial?.alpha ?? 1, clean),
              tf.mul(1 - (adversarial?.alpha ?? 1), adv),
            );
          },
          true,
          variables,
        );
        applyConstraints(model);
        const lossValue = (await cost?.data())?.[0] ?? NaN;
        const correctTensor = correctNow as tf.Scalar | null;
        correct += correctTensor ? ((await correctTensor.data())[0] ?? 0) : 0;
        tf.dispose([x, y]);
        for (const t of [cost, correctTensor, xAdv]) t?.dispose();
        if (!Number.isFinite(lossValue))
          throw new Error(`loss became ${lossValue} at epoch ${epoch}`);
        lossSum += lossValue * n;
        seen += n;
        if (step % 10 === 0 || step === stepsPerEpoch - 1) {
          bar.update(
            step + 1,
            `loss ${(lossSum / seen).toFixed(4)} acc ${((100 * correct) / seen).toFixed(2)}%`,
          );
        }
      }
      const errors = await countErrors(
        classifier,
        validation,
        adversarial ? adversarial.eps : null,
      );
      const validationError = errors / validation.count;
      const record: EpochRecord = {
        epoch,
        loss: lossSum / seen,
        trainAccuracy: correct / seen,
        validationError,
        seconds: (Date.now() - epochStart) / 1000,
      };
      history.push(record);
      bar.finish(
        `loss ${record.loss.toFixed(4)} acc ${(100 * record.trainAccuracy).toFixed(2)}% ` +
          `val ${validationKind} err ${(100 * validationError).toFixed(2)}%`,
      );
      if (validationError < bestError) {
        bestError = validationError;
        bestEpoch = epoch;
        if (best) tf.dispose(best);
        best = model.getWeights().map((t) => t.clone());
      } else if (epoch - bestEpoch >= recipe.patience) {
        stoppedBy = 'patience';
        break;
      }
      const elapsed = (Date.now() - started) / 1000;
      if (epoch < o.maxEpochs && elapsed + record.seconds > recipe.maxSeconds) {
        o.log(
          `time cap ${formatSeconds(recipe.maxSeconds)} reached after ${formatSeconds(elapsed)}`,
        );
        stoppedBy = 'time';
        break;
      }
    }
    if (best) model.setWeights(best);
  } finally {
    if (best) tf.dispose(best);
    optimizer.dispose();
  }
  o.log(
    `best epoch ${bestEpoch}: ${validationKind} validation error ${(100 * bestError).toFixed(2)}% ` +
      `(stopped by ${stoppedBy})`,
  );
  return {
    epochs: history.length,
    bestEpoch,
    bestValidationError: bestError,
    validationKind,
    stoppedBy,
    seconds: (Date.now() - started) / 1000,
    history,
  };
}
