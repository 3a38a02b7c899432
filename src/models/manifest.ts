/**
 * What the app and the scripts know about a model without loading it: the entries of
 * models/index.json, and the same shape for a model the user brings.
 */

import type { InputRange, PreprocessingSpec } from '../shared/preprocess/spec';
import type { OwnOutputChoice } from './ownModelOutput';

export type { InputRange, PreprocessingSpec };

/** How the model's output is read. */
export type OutputKind =
  /** pre-softmax scores, one per class */
  | 'logits'
  /** softmax probabilities; the engine attacks the logits of `logitsLayer` when given */
  | 'probabilities'
  /** one logit z of a sigmoid: p(class 1) = sigmoid(z); treated as two-class logits [0, z] */
  | 'binary-logit'
  /**
   * per-class scores s_i = log p_i <= 0 of an RBF layer: p_i = exp(s_i), not normalised across
   * classes (the paper's RBF confidence); predicted class = argmax s. Attacks still use softmax
   * cross-entropy on s.
   */
  | 'rbf';

/** Whether the probabilities reported for a model of this output kind sum to 1 ('rbf' does not). */
export function probabilitiesSumToOne(output: OutputKind): boolean {
  return output !== 'rbf';
}


export interface AttackFigures {
  eps: number;
  errorRate: number;
  meanConfidenceOnMistakes: number;
}

export interface PgdFigures {
  steps: number;
  /** step size as a fraction of eps */
  stepOverEps: number;
  /** the first testImages images of the test set (PGD costs `steps` gradients per image) */
  testImages: number;
  attacks: AttackFigures[];
}

export interface MeasuredFigures {
  testImages: number;
  cleanErrorRate: number;
  fgsm: AttackFigures[];
  randomSign: AttackFigures[];
  uniform: AttackFigures[];
  /** PGD (iterated FGSM from a random start), the multi-step check that FGSM robustness is real */
  pgd?: PgdFigures;
  /** the command that produced these numbers */
  command: string;
  backend: string;
  measuredOn: string;
}

export interface WeightFile {
  path: string;
  bytes: number;
  sha256: string;
}

export type DatasetId = 'mnist' | 'fashion-mnist' | 'cifar10' | 'imagenet' | 'custom';

export interface ModelManifest {
  id: string;
  title: string;
  dataset: DatasetId;
  classNames: string[];
  /** [height, width, channels] of one image, as the engine hands it over */
  inputShape: [number, number, number];
  /** the shape the model's own input layer wants for one image (e.g. [784] for MLPs) */
  modelInputShape: number[];
  preprocessing: PreprocessingSpec;
  output: OutputKind;
  /** name of the layer whose output is the logits, for 'probabilities' models */
  logitsLayer?: string;
  /** own models: how the user said to read the output ('auto' or absent: detected on load) */
  outputChoice?: OwnOutputChoice;
  format: 'layers' | 'graph';
  /** model.json URL relative to the models/ folder (or absolute for own models) */
  url: string;
  architecture: string;
  training?: {
    recipe: string;
    seed: number;
    backend: string;
    epochs: number;
    seconds: number;
    machine: string;
    command: string;
  };
  weights?: WeightFile[];
  figures?: MeasuredFigures;
  /** ids of the members, for an ensemble entry */
  members?: string[];
}

export interface ModelIndex {
  version: 1;
  models: ModelManifest[];
}
