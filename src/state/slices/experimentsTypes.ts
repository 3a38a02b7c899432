/** The Experiments view's settings (see experimentsSlice.ts), apart so types.ts composes them. */
import type { ExperimentKind } from '../../engine/experimentTypes';
import type { AttackMode } from '../../shared/vocabulary';

/** The experiment kinds, as the URL codec lists them (checked complete against the engine's). */
export const EXPERIMENT_KIND_IDS = [
  'attack',
  'transfer',
  'ensemble',
  'rubbish',
  'fooling',
  'shared',
] as const satisfies readonly ExperimentKind[];
// a kind the engine adds and this list lacks fails to compile here
type MissingKind = Exclude<ExperimentKind, (typeof EXPERIMENT_KIND_IDS)[number]>;
export const EXPERIMENT_KINDS_COMPLETE: [MissingKind] extends [never] ? true : never = true;

export interface ExperimentSettings {
  kind: ExperimentKind;
  /** chosen model ids (attack, transfer, rubbish: all; ensemble: the members; fooling, shared: one) */
  models: string[];
  mode: AttackMode;
  targetClass: number;
  /** the test-set attack's eps list */
  epsList: number[];
  /** the single eps of the other experiments; null: the app's eps */
  eps: number | null;
  /** test images to use (capped at the test set) */
  limit: number;
  seed: number;
  /** rubbish: noise images; fooling: images per class */
  count: number;
  /** fooling steps / pgd steps */
  steps: number;
  direction: 'gradient' | 'sign';
  sources: number;
}

export interface ExperimentsData {
  /** what the user changed from the defaults (which follow the selected model and the app's eps) */
  experimentOverrides: Partial<ExperimentSettings>;
}

export interface ExperimentsActions {
  /** merges `patch` into the overrides; a key set to undefined goes back to its default */
  setExperimentSettings(patch: {
    [K in keyof ExperimentSettings]?: ExperimentSettings[K] | undefined;
  }): void;
}
