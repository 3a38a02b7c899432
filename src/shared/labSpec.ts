/**
 * The Training lab's settings as plain data (issue 16): what a run trains, with which objective
 * and schedule, its defaults and its clamping into shared/limits.ts. Shared by the engine (which
 * checks a spec), the store and URL codec (which keep one) and the lab's form.
 */
import { LIMITS, clampInt, type Range } from './limits';

/** the datasets the lab trains on (their training sets are prepared for the browser) */
export type LabDataset = 'mnist' | 'fashion-mnist';
export const LAB_DATASETS: readonly LabDataset[] = ['mnist', 'fashion-mnist'];

/** softmax regression (784 -> 10) or two maxout layers and a softmax layer */
export type LabArchitecture = 'softmax' | 'maxout';
export const LAB_ARCHITECTURES: readonly LabArchitecture[] = ['softmax', 'maxout'];

/**
 * x~ of the objective alpha*J(x, y) + (1 - alpha)*J(x~, y): none (plain training), FGSM against
 * the current weights (the paper), FGSM from a random start in the eps-box, or the paper's noise
 * controls of the same max-norm, +-eps sign noise and U(-eps, eps).
 */
export type LabObjective = 'none' | 'fgsm' | 'fgsm-random-start' | 'random-sign' | 'uniform';
export const LAB_OBJECTIVES: readonly LabObjective[] = [
  'none',
  'fgsm',
  'fgsm-random-start',
  'random-sign',
  'uniform',
];

export interface TrainingSpec {
  dataset: LabDataset;
  architecture: LabArchitecture;
  /** maxout: units per hidden layer */
  units: number;
  /** maxout: linear pieces per unit */
  pieces: number;
  objective: LabObjective;
  /** weight of the clean loss J(x, y) */
  alpha: number;
  /** max-norm of x~, and of the held-out FGSM and noise */
  eps: number;
  learningRate: number;
  batchSize: number;
  epochs: number;
  seed: number;
  /** maxout: dropout rate on the input of each hidden and the output layer (training only) */
  dropout: number;
  /** maxout: dropout rate on the input image */
  inputDropout: number;
  /**
   * Trains on the first this many images of the training split only (absent: all of it): a
   * quick look, a course page's short demo, the e2e tests' tiny runs.
   */
  trainImages?: number;
}

/** The lab's first run: softmax regression on MNIST, the paper's adversarial objective. */
export const DEFAULT_TRAINING_SPEC: TrainingSpec = {
  dataset: 'mnist',
  architecture: 'softmax',
  units: 128,
  pieces: 3,
  objective: 'fgsm',
  alpha: 0.5,
  eps: 0.25,
  learningRate: 0.01,
  batchSize: 128,
  epochs: 1,
  seed: 0,
  dropout: 0.5,
  inputDropout: 0.2,
};

const L = LIMITS.training;

function clamp(value: number, [lo, hi]: Range): number {
  return Math.min(hi, Math.max(lo, Number.isFinite(value) ? value : lo));
}

/** The spec with every number inside the engine's ranges (whole numbers where it wants them). */
export function clampLabSpec(spec: TrainingSpec): TrainingSpec {
  return {
    ...spec,
    units: clampInt(spec.units, L.units),
    pieces: clampInt(spec.pieces, L.pieces),
    alpha: clamp(spec.alpha, L.alpha),
    eps: clamp(spec.eps, L.eps),
    learningRate: clamp(spec.learningRate, L.learningRate),
    batchSize: clampInt(spec.batchSize, L.batchSize),
    epochs: clampInt(spec.epochs, L.epochs),
    seed: clampInt(spec.seed, L.seed),
    dropout: clamp(spec.dropout, L.dropout),
    inputDropout: clamp(spec.inputDropout, L.dropout),
    ...(spec.trainImages === undefined
      ? {}
      : { trainImages: clampInt(spec.trainImages, L.trainImages) }),
  };
}
