import type { AppSlice } from '../sliceTypes';
import type { CrossSectionData, ProbeData, SweepData, ViewActions, WeightsData } from '../types';

export const SWEEP_POINTS_LIMITS: readonly [number, number] = [3, 1001];
export const CS_RESOLUTION_LIMITS: readonly [number, number] = [16, 256];
export const CS_COUNT_LIMITS: readonly [number, number] = [1, 12];

export const viewDefaults: SweepData & CrossSectionData & WeightsData & ProbeData = {
  sweepMode: 'logits',
  sweepEpsMax: null,
  sweepPoints: 201,
  sweepOutcome: null,
  sweepLoading: false,
  sweepError: null,
  csResolution: 64,
  csCount: 6,
  csSeed: 0,
  csEpsMax: null,
  csModelId: null,
  csMaps: [],
  weightsPage: 0,
  weightsUnitsPerPage: 20,
  weightsCompareId: null,
  weightsByModel: {},
  weightsLoading: false,
  weightsError: null,
  probeImage: null,
};

const clampInt = (v: number, [lo, hi]: readonly [number, number]) =>
  Math.min(hi, Math.max(lo, Math.round(Number.isFinite(v) ? v : lo)));

export const createViewsSlice: AppSlice<
  SweepData & CrossSectionData & WeightsData & ProbeData & ViewActions
> = (set) => ({
  ...viewDefaults,
  setSweepMode: (sweepMode) => set({ sweepMode }),
  setSweepRange: (epsMax, points) => {
    if (!(epsMax > 0) || !Number.isFinite(epsMax)) return;
    set({ sweepEpsMax: Math.min(1, epsMax), sweepPoints: clampInt(points, SWEEP_POINTS_LIMITS) });
  },
  setSweepOutcome: (sweepOutcome) => set({ sweepOutcome }),
  setSweepStatus: (sweepLoading, sweepError) => set({ sweepLoading, sweepError }),
  setCsResolution: (r) => set({ csResolution: clampInt(r, CS_RESOLUTION_LIMITS) }),
  setCsCount: (n) => set({ csCount: clampInt(n, CS_COUNT_LIMITS) }),
  reseedCs: () => set((s) => ({ csSeed: s.csSeed + 1 })),
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
  setWeightsCompareId: (weightsCompareId) => set({ weightsCompareId }),
  setModelWeights: (modelId, weights) =>
    set((s) => ({ weightsByModel: { ...s.weightsByModel, [modelId]: weights } })),
  setWeightsStatus: (weightsLoading, weightsError) => set({ weightsLoading, weightsError }),
  setProbeImage: (probeImage) => set({ probeImage }),
});
