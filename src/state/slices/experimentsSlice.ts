/**
 * The Experiments view's settings as overrides of its defaults, so a link carries exactly what
 * the user chose and the rest keeps following the selected model and the app's eps. The runs
 * themselves live in src/app/experimentsSession.
 */
import type { AppSlice } from '../sliceTypes';
import type { ExperimentsActions, ExperimentsData, ExperimentSettings } from './experimentsTypes';
export * from './experimentsTypes';

export const experimentsDefaults: ExperimentsData = { experimentOverrides: {} };

export const createExperimentsSlice: AppSlice<ExperimentsData & ExperimentsActions> = (set) => ({
  ...experimentsDefaults,
  setExperimentSettings: (patch) =>
    set((s) => {
      const next: Record<string, unknown> = { ...s.experimentOverrides };
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) delete next[key];
        else next[key] = value;
      }
      return { experimentOverrides: next as Partial<ExperimentSettings> };
    }),
});
