import type { AppSlice } from '../sliceTypes';
import type { CrossSectionData, ProbeData, SweepData, ViewActions, WeightsData } from '../types';
import { clampInt, LIMITS } from '../../shared/limits';

export const viewDefaults: SweepData & CrossSectionData & WeightsData & ProbeData = {
  sweepMode: 'logits',
  sweepEpsMax: null,
  sweepPoints: LIMITS.sweep.defaultPoints,
  sweepOutcome: null,
  sweepLoading: false,
  sweepError: null,
  csResolution: LIMITS.map.defaultResolution,
  csCount: LIMITS.map.defaultCount,
  csSeed: 0,
  csPlanes: 'both',
  csEpsMax: null,
  csModelId: null,
  csMaps: [],
  csPendingCell: null,
  csLongJob: null,
  csApproved: null,
  weightsPage: 0,
  weightsUnitsPerPage: 20,
  weightsCompareId: null,
  weightsRgbMode: 'filter',
  weightsByModel: {},
  weightsLoading: false,
  weightsError: null,
  probeImage: null,
};

export const createViewsSlice: AppSlice<
  SweepData & CrossSectionData & WeightsData & ProbeData & ViewActions
> = (set) => ({
  ...viewDefaults,
  setSweepMode: (sweepMode) => set({ sweepMode }),
  setSweepRange: (epsMax, points) => {
    if (!(epsMax > 0) || !Number.isFinite(epsMax)) return;
    set({
      sweepEpsMax: Math.min(LIMITS.sweep.epsMax[1], epsMax),
      sweepPoints: clampInt(points, LIMITS.sweep.points),
    });
  },
  setSweepOutcome: (sweepOutcome) => set({ sweepOutcome }),
  setSweepStatus: (sweepLoading, sweepError) => set({ sweepLoading, sweepError }),
  setCsResolution: (r) => set({ csResolution: clampInt(r, LIMITS.map.resolution) }),
  setCsCount: (n) => set({ csCount: clampInt(n, LIMITS.map.count) }),
  reseedCs: () => set((s) => ({ csSeed: s.csSeed + 1 })),
  setCsPlanes: (csPlanes) => set({ csPlanes }),
  setCsLongJob: (csLongJob) => set({ csLongJob }),
  approveCsLongJob: () =>
    set((s) =>
      s.csLongJob
        ? { csApproved: { modelId: s.csLongJob.modelId, ms: s.csLongJob.ms }, csLongJob: null }
        : {},
    ),
  resetCsMaps: (csModelId, maps) =>
    set({
      csModelId,
      csMaps: maps.map((m) => ({ ...m, result: null, partial: null, progress: 0, error: null })),
    }),
  updateCsMap: (position, patch) =>
    set((s) => ({
      csMaps: s.csMaps.map((m, i) => (i === position ? { ...m, ...patch } : m)),
    })),
  setWeightsPage: (page) => set({ weightsPage: Math.max(0, Math.trunc(page) || 0) }),
  setWeightsUnitsPerPage: (units) =>
    set((s) => {
      const weightsUnitsPerPage = clampInt(units, LIMITS.weights.unitsPerPage);
      const first = s.weightsPage * s.weightsUnitsPerPage;
      return { weightsUnitsPerPage, weightsPage: Math.floor(first / weightsUnitsPerPage) };
    }),
  setWeightsCompareId: (weightsCompareId) => set({ weightsCompareId }),
  setWeightsRgbMode: (weightsRgbMode) => set({ weightsRgbMode }),
  setModelWeights: (modelId, weights) =>
    set((s) => ({ weightsByModel: { ...s.weightsByModel, [modelId]: weights } })),
  setWeightsStatus: (weightsLoading, weightsError) => set({ weightsLoading, weightsError }),
  setProbeImage: (probeImage) => set({ probeImage }),
});
