/**
 * Which models a lecture puts side by side: the model the explorer opens on (the paper's maxout
 * network) and, for any model, the partner that makes a comparison meaningful (a naive network
 * and its adversarially trained twin). Pure: reads manifests only.
 */
import type { ModelManifest } from './manifest';

/** The paper's maxout network: what the explorer opens on when the link names no model. */
export const DEFAULT_MODEL_ID = 'mnist-maxout';

/** Suffix of an adversarially trained twin's id (mnist-maxout -> mnist-maxout-adv). */
const ADV_SUFFIX = '-adv';

/** The model to open on: DEFAULT_MODEL_ID when the index has it, else its first entry. */
export function defaultModel(models: readonly ModelManifest[]): ModelManifest | undefined {
  return models.find((m) => m.id === DEFAULT_MODEL_ID) ?? models[0];
}

/** Same input and classes: an image and its label mean the same to both models. */
export function comparable(a: ModelManifest, b: ModelManifest): boolean {
  return (
    a.id !== b.id &&
    a.dataset === b.dataset &&
    a.inputShape.join('x') === b.inputShape.join('x') &&
    a.classNames.join('\u0000') === b.classNames.join('\u0000') &&
    a.preprocessing.recipe === b.preprocessing.recipe
  );
}

/** The models `model` can be compared with, in the index's order. */
export function comparableModels(
  model: ModelManifest,
  models: readonly ModelManifest[],
): ModelManifest[] {
  return models.filter((m) => comparable(model, m));
}

/**
 * The partner of `model` for a comparison: its adversarially trained twin (or, for a twin, the
 * naive model), else the first comparable single model, else the first comparable one; null when
 * nothing compares.
 */
export function comparePartner(
  model: ModelManifest,
  models: readonly ModelManifest[],
): ModelManifest | null {
  const candidates = comparableModels(model, models);
  const twinId = model.id.endsWith(ADV_SUFFIX)
    ? model.id.slice(0, -ADV_SUFFIX.length)
    : `${model.id}${ADV_SUFFIX}`;
  return (
    candidates.find((m) => m.id === twinId) ??
    candidates.find((m) => !m.members) ??
    candidates[0] ??
    null
  );
}
