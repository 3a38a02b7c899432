/**
 * The perturbed images x~ of the paper's training objective alpha*J(x, y) + (1 - alpha)*J(x~, y):
 * FGSM against the current weights (the paper's adversarial training), FGSM from a random point
 * of the eps-box (one-step training that does not overfit to its own attack, Wong et al. 2020),
 * PGD from a random start (multi-step training, Madry et al. 2018),
 * or the paper's controls, +-eps sign noise and U(-eps, eps) noise of the same max-norm. Built on
 * attackBatch, so training perturbs exactly as the explorer attacks.
 */
import type * as tf from '@tensorflow/tfjs';
import { attackBatch, type AttackSpec } from './attack';
import type { Classifier } from './classifier';

export type TrainingPerturbation = 'fgsm' | 'fgsm-random-start' | 'pgd' | 'random-sign' | 'uniform';

export const TRAINING_PERTURBATIONS: readonly TrainingPerturbation[] = [
  'fgsm',
  'fgsm-random-start',
  'pgd',
  'random-sign',
  'uniform',
];

/** Step of random-start FGSM, as a multiple of eps (Wong, Rice & Kolter 2020 use 1.25). */
export const RANDOM_START_STEP = 1.25;

/** PGD training's default number of steps, and its step as a multiple of eps / steps (Madry et al. use 2.5). */
export const TRAINING_PGD_STEPS = 5;
export const TRAINING_PGD_REACH = 2.5;

export interface PerturbationSpec {
  kind: TrainingPerturbation;
  eps: number;
  /** PGD only: steps from the random start (default TRAINING_PGD_STEPS) */
  steps?: number;
}

/**
 * The attack that makes x~ for `spec`; `seed` draws the noise or the random start, from
 * `noiseOffset` draws into its stream (a share of a batch: its rows' part of the batch's noise).
 */
export function trainingAttack(
  spec: PerturbationSpec,
  labels: tf.Tensor1D,
  seed: number,
  noiseOffset = 0,
): AttackSpec {
  const common = { eps: spec.eps, labels, seed, noiseOffset, clip: [0, 1] as [number, number] };
  switch (spec.kind) {
    case 'fgsm':
      return { ...common, mode: 'fgsm' };
    case 'fgsm-random-start':
      return {
        ...common,
        mode: 'pgd',
        steps: 1,
        stepSize: RANDOM_START_STEP * spec.eps,
        randomStart: true,
      };
    case 'pgd': {
      const steps = spec.steps ?? TRAINING_PGD_STEPS;
      return {
        ...common,
        mode: 'pgd',
        steps,
        stepSize: (TRAINING_PGD_REACH * spec.eps) / steps,
        randomStart: true,
      };
    }
    case 'random-sign':
    case 'uniform':
      return { ...common, mode: spec.kind };
  }
}

/** x~ for a batch of [0, 1] images against the classifier's current weights. */
export function perturbForTraining(
  c: Classifier,
  x: tf.Tensor4D,
  labels: tf.Tensor1D,
  spec: PerturbationSpec,
  seed: number,
  noiseOffset = 0,
): tf.Tensor4D {
  return attackBatch(c, x, trainingAttack(spec, labels, seed, noiseOffset));
}
