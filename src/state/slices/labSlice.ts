/** The Training lab's settings, in the store so links and embeds can carry them (lab=...). */
import { DEFAULT_TRAINING_SPEC, clampLabSpec } from '../../shared/labSpec';
import type { AppSlice } from '../sliceTypes';
import type { LabActions, LabData } from './labTypes';

export const labDefaults: LabData = { labSpec: DEFAULT_TRAINING_SPEC };

export const createLabSlice: AppSlice<LabData & LabActions> = (set) => ({
  ...labDefaults,
  setLabSpec: (spec) => set({ labSpec: clampLabSpec(spec) }),
});
