/** Which model stands beside the selected one in the compare view. */
import type { ModelManifest } from '../models/manifest';
import { comparableModels, comparePartner } from '../models/pairs';
import { selectModels, selectSelectedManifest } from './selectors';
import type { AppData } from './types';

const NONE: ModelManifest[] = [];
const optionsCache = new WeakMap<
  ModelManifest,
  { models: ModelManifest[]; out: ModelManifest[] }
>();

/** Models that can stand beside the selected one (same input, classes and recipe). */
export function selectCompareOptions(s: AppData): ModelManifest[] {
  const a = selectSelectedManifest(s);
  if (!a) return NONE;
  const models = selectModels(s);
  const hit = optionsCache.get(a);
  if (hit?.models === models) return hit.out;
  const out = comparableModels(a, models);
  optionsCache.set(a, { models, out });
  return out;
}

/** Model B: the user's choice when it compares with model A, else model A's partner. */
export function selectCompareModel(s: AppData): ModelManifest | null {
  const a = selectSelectedManifest(s);
  if (!a) return null;
  const chosen = selectCompareOptions(s).find((m) => m.id === s.compareModelId);
  return chosen ?? comparePartner(a, selectModels(s));
}
