/**
 * The Training lab's settings in a link (view=train&labModel=maxout&labEps=0.1...), so a course
 * page can embed a ready-to-run lab: one query field per setting, written only where it differs
 * from the default, and a link's fields laid over the lab's current settings.
 */
import {
  DEFAULT_TRAINING_SPEC,
  type LabArchitecture,
  type LabDataset,
  type LabObjective,
  type TrainingSpec,
} from '../../shared/labSpec';

export interface LabShareable {
  labData?: LabDataset;
  labModel?: LabArchitecture;
  labUnits?: number;
  labPieces?: number;
  labX?: LabObjective;
  labAlpha?: number;
  labEps?: number;
  labLr?: number;
  labBatch?: number;
  labEpochs?: number;
  labSeed?: number;
  labDropout?: number;
  labInputDropout?: number;
  labImages?: number;
}

/** Which setting each field holds. */
export const LAB_FIELD_SETTINGS = {
  labData: 'dataset',
  labModel: 'architecture',
  labUnits: 'units',
  labPieces: 'pieces',
  labX: 'objective',
  labAlpha: 'alpha',
  labEps: 'eps',
  labLr: 'learningRate',
  labBatch: 'batchSize',
  labEpochs: 'epochs',
  labSeed: 'seed',
  labDropout: 'dropout',
  labInputDropout: 'inputDropout',
  labImages: 'trainImages',
} as const satisfies { [K in keyof LabShareable]-?: keyof TrainingSpec };

type LabKey = keyof typeof LAB_FIELD_SETTINGS;
const LAB_KEYS = Object.keys(LAB_FIELD_SETTINGS) as LabKey[];

/** The fields of the settings that differ from the defaults. */
export function labShareable(spec: TrainingSpec): LabShareable {
  const out: Record<string, unknown> = {};
  for (const key of LAB_KEYS) {
    const setting = LAB_FIELD_SETTINGS[key];
    if (spec[setting] !== DEFAULT_TRAINING_SPEC[setting]) out[key] = spec[setting];
  }
  return out as LabShareable;
}

/** `spec` with the link's fields laid over it; null when the link has none. */
export function withLabShareable(spec: TrainingSpec, state: LabShareable): TrainingSpec | null {
  const present = LAB_KEYS.filter((key) => state[key] !== undefined);
  if (present.length === 0) return null;
  const next: Record<string, unknown> = { ...spec };
  for (const key of present) next[LAB_FIELD_SETTINGS[key]] = state[key];
  return next as unknown as TrainingSpec;
}
