/**
 * The lab's settings as the form edits them: options offered, the spec clamped into the limits
 * the engine accepts (shared/limits.ts), and the pair of specs a side-by-side comparison trains.
 */
import type { LabArchitecture, LabObjective, TrainingSpec } from '../../engine/api';
import { clampLabSpec } from '../../shared/labSpec';

export const OBJECTIVE_LABELS: Record<LabObjective, string> = {
  none: 'none: plain training',
  fgsm: 'FGSM (the paper)',
  'fgsm-random-start': 'FGSM from a random start',
  'random-sign': '±eps sign noise (control)',
  uniform: 'U(−eps, eps) noise (control)',
};

/** Adam's rate for each network: softmax regression takes large steps, maxout smaller ones. */
export const DEFAULT_LEARNING_RATES: Record<LabArchitecture, number> = {
  softmax: 0.01,
  maxout: 0.002,
};

export const UNIT_OPTIONS = [32, 64, 128, 240] as const;
export const PIECE_OPTIONS = [2, 3, 4, 5] as const;
export const BATCH_OPTIONS = [32, 64, 128, 256, 512] as const;

/** The spec with every number inside the engine's ranges. */
export const clampSpec = clampLabSpec;

/**
 * Naive versus adversarial: the same network, data, seed and schedule, once with plain training
 * and once with the chosen x~ (FGSM when the form says none).
 */
export function comparisonSpecs(spec: TrainingSpec): {
  naive: TrainingSpec;
  adversarial: TrainingSpec;
} {
  const base = clampSpec(spec);
  return {
    naive: { ...base, objective: 'none' },
    adversarial: { ...base, objective: base.objective === 'none' ? 'fgsm' : base.objective },
  };
}
