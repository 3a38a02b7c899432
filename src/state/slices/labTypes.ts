/** The Training lab slice's types (see labSlice.ts), apart so types.ts composes them without a cycle. */
import type { TrainingSpec } from '../../shared/labSpec';

export interface LabData {
  /** the lab's settings: what Train and Naive vs adversarial train (a link records them) */
  labSpec: TrainingSpec;
}

export interface LabActions {
  /** clamped into the engine's limits */
  setLabSpec(spec: TrainingSpec): void;
}
