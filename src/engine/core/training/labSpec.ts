/**
 * What a Training lab spec means: its checks (ranges from shared/limits.ts), the network and
 * dropout it asks for, the objective's x~, how often the held-out errors are measured, and the
 * manifest the trained model gets so every engine op can read it.
 */
import { LIMITS, type Range } from '../../../shared/limits';
import type { ModelManifest } from '../../../models/manifest';
import {
  LAB_ARCHITECTURES,
  LAB_DATASETS,
  LAB_OBJECTIVES,
  type TrainingSpec,
} from '../../trainingTypes';
import { EngineError } from '../errors';
import { maxoutNetwork, softmaxRegression } from './networks';
import type { TrainingObjective } from './trainStep';

const L = LIMITS.training;

function invalid(message: string): never {
  throw new EngineError('invalid-argument', `training: ${message}`);
}

function inRange(value: unknown, [lo, hi]: Range, name: string, integer = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < lo || value > hi) {
    invalid(`${name} must be a number in [${lo}, ${hi}], got ${String(value)}`);
  }
  if (integer && !Number.isInteger(value)) invalid(`${name} must be a whole number`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) invalid(`${name} must be one of ${allowed.join(', ')}`);
  return found;
}

/** The spec as checked plain data (an untrusted message may carry anything). */
export function checkTrainingSpec(raw: unknown): TrainingSpec {
  if (typeof raw !== 'object' || raw === null) invalid('the spec must be an object');
  const s = raw as Record<string, unknown>;
  return {
    dataset: oneOf(s['dataset'], LAB_DATASETS, 'dataset'),
    architecture: oneOf(s['architecture'], LAB_ARCHITECTURES, 'architecture'),
    units: inRange(s['units'], L.units, 'units', true),
    pieces: inRange(s['pieces'], L.pieces, 'pieces', true),
    objective: oneOf(s['objective'], LAB_OBJECTIVES, 'objective'),
    alpha: inRange(s['alpha'], L.alpha, 'alpha'),
    eps: inRange(s['eps'], L.eps, 'eps'),
    learningRate: inRange(s['learningRate'], L.learningRate, 'learningRate'),
    batchSize: inRange(s['batchSize'], L.batchSize, 'batchSize', true),
    epochs: inRange(s['epochs'], L.epochs, 'epochs', true),
    seed: inRange(s['seed'], L.seed, 'seed', true),
    dropout: inRange(s['dropout'], L.dropout, 'dropout'),
    inputDropout: inRange(s['inputDropout'], L.dropout, 'inputDropout'),
    ...(s['trainImages'] === undefined
      ? {}
      : { trainImages: inRange(s['trainImages'], L.trainImages, 'trainImages', true) }),
  };
}

export function buildLabModel(spec: TrainingSpec, inputDim: number, numClasses: number) {
  return spec.architecture === 'softmax'
    ? softmaxRegression(spec.seed, inputDim, numClasses)
    : maxoutNetwork(spec, spec.seed, inputDim, numClasses);
}

/** Dropout on the input of each layer: none for softmax regression. */
export function labDropout(spec: TrainingSpec): number[] {
  return spec.architecture === 'softmax' ? [0] : [spec.inputDropout, spec.dropout, spec.dropout];
}

export function labObjective(spec: TrainingSpec): TrainingObjective | null {
  return spec.objective === 'none'
    ? null
    : { alpha: spec.alpha, perturbation: { kind: spec.objective, eps: spec.eps } };
}

/**
 * Held-out images per measurement; a measurement refreshes one chunk of the slice. Smaller for
 * the maxout network, whose measurements cost more, so its error curves still move often.
 */
export function heldOutChunk(spec: TrainingSpec): number {
  return spec.architecture === 'softmax' ? 100 : 50;
}

/** The share of the compute the held-out measurements may take. */
export const EVAL_SHARE = 0.04;

/** Training-loss points per held-out measurement. */
export const LOSS_POINTS_PER_MEASUREMENT = 4;

/**
 * Minibatches between held-out measurements, from a count of passes (a forward pass is 1, a
 * gradient 3): a step costs batch x (3 for J(x), +3 for J(x~), +3 when x~ needs a gradient), a
 * measurement chunk x 6 (clean, FGSM's gradient and its forward pass, noise). Fixed per spec,
 * never by the clock, so the curves of a seeded run repeat.
 */
export function evalInterval(spec: TrainingSpec): number {
  const passes =
    spec.objective === 'none'
      ? 3
      : spec.objective === 'random-sign' || spec.objective === 'uniform'
        ? 6
        : 9;
  const chunk = heldOutChunk(spec);
  return Math.max(1, Math.ceil((6 * chunk) / (EVAL_SHARE * spec.batchSize * passes)));
}

/** Minibatches between training-loss points (they cost one read-back). */
export function lossInterval(spec: TrainingSpec): number {
  return Math.max(1, Math.floor(evalInterval(spec) / LOSS_POINTS_PER_MEASUREMENT));
}

const OBJECTIVE_TEXT: Record<TrainingSpec['objective'], string> = {
  none: 'plain',
  fgsm: 'FGSM-trained',
  'fgsm-random-start': 'random-start FGSM-trained',
  'random-sign': '±eps-noise-trained',
  uniform: 'U(-eps, eps)-noise-trained',
};

export function labTitle(spec: TrainingSpec): string {
  const net =
    spec.architecture === 'softmax' ? 'softmax regression' : `maxout ${spec.units}x${spec.pieces}`;
  const data = spec.dataset === 'mnist' ? 'MNIST' : 'Fashion-MNIST';
  const how = OBJECTIVE_TEXT[spec.objective];
  const eps = spec.objective === 'none' ? '' : `, eps ${spec.eps}, alpha ${spec.alpha}`;
  const images = spec.trainImages === undefined ? '' : `, ${spec.trainImages} images`;
  return `${data} ${net}, ${how}${eps}${images}, seed ${spec.seed}`;
}

/** The manifest of a lab model: MNIST-shaped grey input in [0, 1], logits out. */
export function labManifest(
  id: string,
  spec: TrainingSpec,
  classNames: readonly string[],
  imageShape: [number, number, number],
): ModelManifest {
  const dim = imageShape[0] * imageShape[1] * imageShape[2];
  return {
    id,
    title: labTitle(spec),
    dataset: spec.dataset,
    classNames: [...classNames],
    inputShape: [...imageShape],
    modelInputShape: [dim],
    preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
    output: 'logits',
    format: 'layers',
    url: `${id}/model.json`,
    architecture:
      spec.architecture === 'softmax'
        ? `multinomial logistic regression: dense ${dim} -> ${classNames.length} (logits)`
        : `MLP ${dim} -> maxout ${spec.units}x${spec.pieces} -> maxout ${spec.units}x${spec.pieces} -> dense ${classNames.length} (logits)`,
  };
}
