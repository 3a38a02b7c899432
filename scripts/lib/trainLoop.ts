/**
 * The training loop every recipe shares: seeded shuffles and dropout masks (one generator per
 * epoch, so a resumed run draws what the uninterrupted one would), minibatch steps with the
 * recipe's loss (optionally the paper's objective alpha*J(x) + (1-alpha)*J(x~) with x~ from FGSM
 * or a noise control), constraints projected after every step, validation after every epoch,
 * early stopping that keeps the best epoch's weights, and a checkpoint after every epoch. With
 * peers, each batch is cut into shares computed on other cores (the same draws, one Adam step).
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../../src/engine/core/classifier';
import { epochRng, shuffledOrder } from '../../src/engine/core/training/schedule';
import {
  Trainer,
  type TrainPeers,
  type TrainingObjective,
} from '../../src/engine/core/training/trainStep';
import type { Recipe } from './architectures';
import { augmentBatch } from './augment';
import { loadCheckpoint, saveCheckpoint, type NamedTensor, type TensorGroups } from './checkpoint';
import { ProgressBar, formatSeconds } from './progressBar';
import { gatherRows, type LabelledSet } from './trainingData';
import { validationError, type ValidationKind } from './validation';

export interface EpochRecord {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  validationError: number;
  /** the parts of a 'robust' validation error */
  validationParts?: Record<string, number>;
  seconds: number;
}

export interface TrainReport {
  epochs: number;
  bestEpoch: number;
  bestValidationError: number;
  /** what the validation error measures (see ValidationKind) */
  validationKind: ValidationKind;
  /** the epoch the run resumed after (0: started fresh) */
  resumedAfter: number;
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
  /** folder for a checkpoint after every epoch (none when omitted) */
  checkpointDir?: string;
  /** continue from the checkpoint in checkpointDir when there is one */
  resume?: boolean;
  /** peers computing shares of every batch (data-parallel steps, the same draws) */
  peers?: TrainPeers;
}

/** What a checkpoint keeps besides the tensors. */
interface LoopState {
  recipeId: string;
  seed: number;
  epochsDone: number;
  bestEpoch: number;
  bestError: number;
  history: EpochRecord[];
  seconds: number;
}

/**
 * Adam's running powers beta^t: setWeights recomputes them with pow(), which differs from the
 * product the uninterrupted run accumulated in the last bits, so a checkpoint keeps them as is.
 */
interface AdamPowers {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
}

function adamPowers(optimizer: tf.Optimizer): NamedTensor[] {
  const { accBeta1, accBeta2 } = optimizer as unknown as AdamPowers;
  return [
    { name: 'accBeta1', tensor: accBeta1 },
    { name: 'accBeta2', tensor: accBeta2 },
  ];
}

function restoreAdamPowers(optimizer: tf.Optimizer, saved: NamedTensor[] | undefined): void {
  const powers = optimizer as unknown as AdamPowers;
  for (const { name, tensor } of saved ?? []) {
    if (name === 'accBeta1' || name === 'accBeta2') powers[name].assign(tensor);
  }
}

const named = (tensors: tf.Tensor[]): NamedTensor[] =>
  tensors.map((tensor, i) => ({ name: String(i), tensor }));

/** The training objective of a recipe: its x~ (FGSM unless it says), or null for plain training. */
export function recipeObjective(recipe: Recipe): TrainingObjective | null {
  const adversarial = recipe.adversarial;
  if (!adversarial) return null;
  const perturbation = { kind: adversarial.kind ?? 'fgsm', eps: adversarial.eps };
  return { alpha: adversarial.alpha, perturbation };
}

/** The validation rule of a recipe: its own, else FGSM for FGSM training, else clean. */
export function validationKindOf(recipe: Recipe): ValidationKind {
  if (recipe.validation) return recipe.validation;
  const kind = recipe.adversarial ? (recipe.adversarial.kind ?? 'fgsm') : null;
  return kind === 'fgsm' || kind === 'fgsm-random-start' || kind === 'pgd' ? 'fgsm' : 'clean';
}

async function restore(o: TrainOptions, optimizer: tf.Optimizer) {
  if (!o.checkpointDir || !o.resume) return null;
  const saved = await loadCheckpoint<LoopState>(o.checkpointDir);
  if (saved === null) return null;
  const { state, groups } = saved;
  if (state.recipeId !== o.recipe.id || state.seed !== o.seed) {
    tf.dispose(Object.values(groups).flatMap((g) => g.map((t) => t.tensor)));
    throw new Error(
      `the checkpoint in ${o.checkpointDir} is for ${state.recipeId} seed ${state.seed}, not ${o.recipe.id} seed ${o.seed}`,
    );
  }
  const weights = (groups['weights'] ?? []).map((t) => t.tensor);
  o.model.setWeights(weights);
  tf.dispose(weights);
  // setWeights copies the moments into new variables: the loaded tensors are ours to free
  if (groups['optimizer']?.length) await optimizer.setWeights(groups['optimizer']);
  tf.dispose((groups['optimizer'] ?? []).map((t) => t.tensor));
  restoreAdamPowers(optimizer, groups['adamPowers']);
  tf.dispose((groups['adamPowers'] ?? []).map((t) => t.tensor));
  const best = groups['best']?.length ? groups['best'].map((t) => t.tensor) : null;
  o.log(`resuming after epoch ${state.epochsDone} (best so far: epoch ${state.bestEpoch})`);
  return { state, best };
}

export async function trainModel(o: TrainOptions): Promise<TrainReport> {
  const { recipe, model, classifier, train, validation } = o;
  const [h, w, ch] = classifier.inputShape;
  const adversarial = recipe.adversarial;
  const trainer = new Trainer({
    model,
    classifier,
    loss: recipe.loss,
    dropout: recipe.dropout,
    objective: recipeObjective(recipe),
    learningRate: recipe.learningRate,
  });
  const optimizer = trainer.optimizer;
  const validationKind = validationKindOf(recipe);
  const validationEps = adversarial?.eps ?? 0.25;
  const stepsPerEpoch = Math.ceil(train.count / recipe.batchSize);
  const started = Date.now();
  const restored = await restore(o, optimizer);
  const earlier = restored?.state.seconds ?? 0;
  const history: EpochRecord[] = restored?.state.history ?? [];
  let best: tf.Tensor[] | null = restored?.best ?? null;
  let bestError = restored?.state.bestError ?? Infinity;
  let bestEpoch = restored?.state.bestEpoch ?? 0;
  const firstEpoch = (restored?.state.epochsDone ?? 0) + 1;
  let stoppedBy: TrainReport['stoppedBy'] = 'max-epochs';
  const elapsed = () => earlier + (Date.now() - started) / 1000;

  try {
    if (firstEpoch > 1 && firstEpoch - bestEpoch > recipe.patience) stoppedBy = 'patience';
    for (let epoch = firstEpoch; epoch <= o.maxEpochs && stoppedBy === 'max-epochs'; epoch++) {
      const epochStart = Date.now();
      const rng = epochRng(o.seed, epoch);
      trainer.learningRate = recipe.learningRate * recipe.learningRateDecay ** (epoch - 1);
      const order = shuffledOrder(train.count, rng);
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
        const out = o.peers
          ? await trainer.stepShared(batch, rng, o.peers)
          : trainer.step(batch, rng);
        const lossValue = (await out.loss.data())[0] ?? NaN;
        correct += (await out.correct.data())[0] ?? 0;
        tf.dispose([out.loss, out.correct]);
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
      const judged = await validationError(classifier, validation, validationKind, validationEps);
      const validationErrorNow = judged.error;
      const record: EpochRecord = {
        epoch,
        loss: lossSum / seen,
        trainAccuracy: correct / seen,
        validationError: validationErrorNow,
        ...(validationKind === 'robust' ? { validationParts: judged.parts } : {}),
        seconds: (Date.now() - epochStart) / 1000,
      };
      history.push(record);
      const parts = Object.entries(judged.parts)
        .map(([k, v]) => `${k} ${(100 * v).toFixed(2)}%`)
        .join(', ');
      bar.finish(
        `loss ${record.loss.toFixed(4)} acc ${(100 * record.trainAccuracy).toFixed(2)}% ` +
          `val ${validationKind} err ${(100 * validationErrorNow).toFixed(2)}%` +
          (validationKind === 'robust' ? ` (${parts})` : ''),
      );
      if (validationErrorNow < bestError) {
        bestError = validationErrorNow;
        bestEpoch = epoch;
        if (best) tf.dispose(best);
        best = model.getWeights().map((t) => t.clone());
      } else if (epoch - bestEpoch >= recipe.patience) {
        stoppedBy = 'patience';
      }
      if (
        stoppedBy === 'max-epochs' &&
        epoch < o.maxEpochs &&
        elapsed() + record.seconds > recipe.maxSeconds
      ) {
        o.log(
          `time cap ${formatSeconds(recipe.maxSeconds)} reached after ${formatSeconds(elapsed())}`,
        );
        stoppedBy = 'time';
      }
      if (o.checkpointDir) {
        const groups: TensorGroups = {
          weights: named(model.getWeights()),
          optimizer: await optimizer.getWeights(),
          adamPowers: adamPowers(optimizer),
          ...(best ? { best: named(best) } : {}),
        };
        const state: LoopState = {
          recipeId: recipe.id,
          seed: o.seed,
          epochsDone: epoch,
          bestEpoch,
          bestError,
          history,
          seconds: elapsed(),
        };
        await saveCheckpoint(o.checkpointDir, state, groups);
        // Adam hands out its live moment variables and a new scalar for the step count
        tf.dispose(
          (groups['optimizer'] ?? [])
            .filter((t) => !(t.tensor instanceof tf.Variable))
            .map((t) => t.tensor),
        );
      }
    }
    if (best) model.setWeights(best);
  } finally {
    if (best) tf.dispose(best);
    trainer.dispose();
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
    seconds: elapsed(),
    history,
    resumedAfter: firstEpoch - 1,
  };
}
