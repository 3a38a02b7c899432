/**
 * The paper's experiments as engine calls: their types and the list of kinds (api.ts re-exports
 * them). The same runners
 * (src/engine/core/experiments) answer the worker's runExperiment and the `npm run eval` CLI,
 * so a spec with the same seed and images gives the same numbers in both.
 */
import type { AttackMode, LabelSource } from '../shared/vocabulary';

export type ExperimentKind = 'attack' | 'transfer' | 'ensemble' | 'rubbish' | 'fooling' | 'shared';
export const EXPERIMENT_KINDS: readonly ExperimentKind[] = [
  'attack',
  'transfer',
  'ensemble',
  'rubbish',
  'fooling',
  'shared',
];

/** A run of labelled images in [0, 1]: count x h x w x c values, HWC, one image after another. */
export interface ExperimentImages {
  data: Float32Array;
  /** one class index per image, in the models' class order */
  labels: Int32Array;
  count: number;
  /** [height, width, channels] */
  shape: [number, number, number];
}

/**
 * One share of a chunk of a test-set attack (experiments 1 and 2), for a peer engine: the images
 * are the share's own (index 0 is image `start` of the run, which seeds its noise).
 */
export interface AttackShareSpec {
  modelId: string;
  attack: ExperimentAttack;
  eps: number[];
  seed: number;
  start: number;
  images: ExperimentImages;
}

/** Class and confidence of each image of a share: clean, then attacked at each eps. */
export interface AttackShareOutcome {
  clean: { predicted: Int32Array; confidence: Float32Array };
  attacked: Array<{ predicted: Int32Array; confidence: Float32Array }>;
}

/** How the adversarial (or noisy) images are made. */
export interface ExperimentAttack {
  mode: AttackMode;
  /** which label the untargeted loss uses (default 'true') */
  labelSource?: LabelSource;
  /** 'targeted' (and targeted pgd): the class to push every image toward */
  targetClass?: number;
  /** pgd: iterations (default 10) */
  steps?: number;
  /** pgd: step size (default eps / 4) */
  stepSize?: number;
}

interface SeededSpec {
  /** seeds the noise: image i of a run always gets the same noise, however it is chunked */
  seed: number;
}

/** 1. Error and confidence on mistakes per model and eps (noise modes are the controls). */
export interface AttackExperimentSpec extends SeededSpec {
  kind: 'attack';
  models: string[];
  attack: ExperimentAttack;
  eps: number[];
  images: ExperimentImages;
}

/** 3. Adversarial examples made on every model, evaluated on every model. */
export interface TransferExperimentSpec extends SeededSpec {
  kind: 'transfer';
  models: string[];
  attack: ExperimentAttack;
  eps: number;
  images: ExperimentImages;
}

/** An ensemble (mean of the members' probabilities), attacked whole or through one member. */
export interface EnsembleExperimentSpec extends SeededSpec {
  kind: 'ensemble';
  members: string[];
  attack: ExperimentAttack;
  eps: number;
  images: ExperimentImages;
}

/** 7. Gaussian noise x ~ N(0, I), not clipped: which models call it a class with p > 0.5? */
export interface RubbishExperimentSpec extends SeededSpec {
  kind: 'rubbish';
  models: string[];
  /** noise images (default 10000) */
  count: number;
  /** most confident examples kept per model (default 8) */
  top?: number;
}

/** 7b. From Gaussian noise, steps x <- x + eps * grad_x p(y = i | x) until p(i) > 0.5. */
export interface FoolingExperimentSpec extends SeededSpec {
  kind: 'fooling';
  model: string;
  /** target classes (default every class) */
  classes?: number[];
  /** starting images per class */
  count: number;
  /** at most this many steps */
  steps: number;
  eps: number;
  /** 'gradient' (the paper's rule, default) or 'sign' (FGSM-like steps of max-norm eps) */
  direction?: 'gradient' | 'sign';
}

/** 9. One image's FGSM perturbation added to the other clean images. */
export interface SharedExperimentSpec extends SeededSpec {
  kind: 'shared';
  model: string;
  eps: number;
  /** the first `sources` images give their perturbation to all the others */
  sources: number;
  images: ExperimentImages;
}

export type ExperimentSpec =
  | AttackExperimentSpec
  | TransferExperimentSpec
  | EnsembleExperimentSpec
  | RubbishExperimentSpec
  | FoolingExperimentSpec
  | SharedExperimentSpec;

/** Error figures of one set of images on one model. */
export interface ErrorFigures {
  count: number;
  /** misclassified / count */
  errorRate: number;
  /** mean probability of the predicted (wrong) class over the mistakes; 0 without mistakes */
  meanConfidenceOnMistakes: number;
}

export interface AttackRow extends ErrorFigures {
  modelId: string;
  eps: number;
  cleanErrorRate: number;
  /** targeted attacks: share of images (true class != target) now classified as the target */
  targetHitRate?: number;
}

export interface AttackExperimentResult {
  kind: 'attack';
  attack: ExperimentAttack;
  seed: number;
  rows: AttackRow[];
}

export interface TransferCell extends ErrorFigures {
  source: string;
  target: string;
  /** where source and target both misclassify: share with the same wrong class */
  sameWrongClassRate: number;
  /** images both misclassify */
  bothWrong: number;
}

export interface TransferExperimentResult {
  kind: 'transfer';
  attack: ExperimentAttack;
  eps: number;
  seed: number;
  models: string[];
  cleanErrorRates: number[];
  /** models x models, row = source (where the examples were made), column = target */
  cells: TransferCell[];
}

export interface EnsembleRow {
  /** 'ensemble' or a member id */
  source: string;
  /** the ensemble's error on the examples made on `source` */
  ensemble: ErrorFigures;
  /** the source's own error on its examples */
  sourceOwn: ErrorFigures;
}

export interface EnsembleExperimentResult {
  kind: 'ensemble';
  attack: ExperimentAttack;
  eps: number;
  seed: number;
  members: string[];
  cleanErrorRate: number;
  memberCleanErrorRates: number[];
  rows: EnsembleRow[];
}

/** One noise image, regenerated from the seed (it is not clipped). */
export interface NoiseExample {
  /** index of the noise image in the run */
  index: number;
  predictedClass: number;
  confidence: number;
  image: Float32Array;
}

export interface RubbishRow extends ErrorFigures {
  modelId: string;
  /** mistakes per class (the class given p > 0.5) */
  classCounts: number[];
  /** most confident noise images, most confident first */
  examples: NoiseExample[];
}

export interface RubbishExperimentResult {
  kind: 'rubbish';
  seed: number;
  shape: [number, number, number];
  rows: RubbishRow[];
}

export interface FoolingClassRow {
  targetClass: number;
  /** successByStep[k]: share of images with p(target) > 0.5 after k steps (k = 0: the noise) */
  successByStep: number[];
  /** mean steps of the successful images (NaN-free: 0 when none succeeded) */
  meanStepsToSuccess: number;
  /** the image with the highest p(target) at the end, and that probability */
  example: NoiseExample;
}

export interface FoolingExperimentResult {
  kind: 'fooling';
  modelId: string;
  eps: number;
  steps: number;
  count: number;
  direction: 'gradient' | 'sign';
  seed: number;
  shape: [number, number, number];
  rows: FoolingClassRow[];
}

export interface SharedSourceRow {
  /** position of the source image in the run */
  index: number;
  label: number;
  /** targets (correct when clean) that the source's perturbation makes wrong */
  flipRate: number;
  /** error of all targets with the source's perturbation */
  errorRate: number;
}

export interface SharedExperimentResult {
  kind: 'shared';
  modelId: string;
  eps: number;
  seed: number;
  /** images the model classifies correctly when clean (the flip rates' denominator) */
  cleanCorrect: number;
  count: number;
  rows: SharedSourceRow[];
  meanFlipRate: number;
  /** controls on the same images: each one's own FGSM, and random +-eps noise */
  ownFgsmFlipRate: number;
  randomSignFlipRate: number;
}

export type ExperimentResult =
  | AttackExperimentResult
  | TransferExperimentResult
  | EnsembleExperimentResult
  | RubbishExperimentResult
  | FoolingExperimentResult
  | SharedExperimentResult;

/** What progress.partial holds during runExperiment. */
export interface ExperimentPartial {
  /** what is being done now, e.g. "mnist-maxout, eps 0.25" */
  stage: string;
}
