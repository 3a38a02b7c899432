/**
 * Numbers the tour quotes from models/index.json (measured by `npm run measure` on the full test
 * sets), read when the page runs, so the prose never drifts from the shipped models.
 */
import type { AttackFigures, ModelIndex, ModelManifest } from '../../models/manifest';

/** The figures at `eps` (to 1e-6), or null when the model was not measured there. */
export function figureAt(
  list: readonly AttackFigures[] | undefined,
  eps: number,
): AttackFigures | null {
  return list?.find((f) => Math.abs(f.eps - eps) < 1e-6) ?? null;
}

export interface AttackRates {
  model: ModelManifest;
  testImages: number;
  clean: number;
  fgsm: AttackFigures | null;
  randomSign: AttackFigures | null;
  uniform: AttackFigures | null;
  /** PGD, measured on the first `pgdImages` test images */
  pgd: AttackFigures | null;
  pgdImages: number | null;
}

/** A model's measured error rates at `eps`; null when it has no figures. */
export function attackRates(model: ModelManifest, eps: number): AttackRates | null {
  const f = model.figures;
  if (!f) return null;
  return {
    model,
    testImages: f.testImages,
    clean: f.cleanErrorRate,
    fgsm: figureAt(f.fgsm, eps),
    randomSign: figureAt(f.randomSign, eps),
    uniform: figureAt(f.uniform, eps),
    pgd: figureAt(f.pgd?.attacks, eps),
    pgdImages: f.pgd?.testImages ?? null,
  };
}

export function findModel(index: ModelIndex, id: string): ModelManifest | null {
  return index.models.find((m) => m.id === id) ?? null;
}

/** How each member of the maxout family was trained, in the order the harnessing table shows. */
export const TRAINING_FAMILY: readonly { id: string; training: string }[] = [
  { id: 'mnist-maxout', training: 'clean images only' },
  { id: 'mnist-maxout-adv', training: 'half clean, half adversarial examples' },
  { id: 'mnist-maxout-noise-sign', training: 'half clean, half with random ±ε noise' },
  { id: 'mnist-maxout-noise-uniform', training: 'half clean, half with uniform noise' },
];

/** The family members models/index.json ships, with their rates at `eps`. */
export function trainingFamilyRates(
  index: ModelIndex,
  eps: number,
): { training: string; rates: AttackRates }[] {
  const rows: { training: string; rates: AttackRates }[] = [];
  for (const { id, training } of TRAINING_FAMILY) {
    const model = findModel(index, id);
    const rates = model ? attackRates(model, eps) : null;
    if (rates) rows.push({ training, rates });
  }
  return rows;
}

/** 0.0744 → "7.4%"; null → "—" (not measured) */
export function percent(rate: number | null | undefined, digits = 1): string {
  return rate === null || rate === undefined ? '—' : `${(100 * rate).toFixed(digits)}%`;
}
