/**
 * The lab's settings as the form edits them: options offered, the spec clamped into the limits
 * the engine accepts (shared/limits.ts), and the pair of specs a side-by-side comparison trains.
 */
import type { LabArchitecture, LabObjective, TrainingSpec } from '../../engine/api';
import { LIMITS, clampInt, type Range } from '../../shared/limits';

const L = LIMITS.training;

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

function clamp(value: number, [lo, hi]: Range): number {
  return Math.min(hi, Math.max(lo, Number.isFinite(value) ? value : lo));
}

/** The spec with every number inside the engine's ranges (whole numbers where it wants them). */
export function clampSpec(spec: TrainingSpec): TrainingSpec {
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
  };
}

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
