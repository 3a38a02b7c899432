import type { AppSlice } from '../sliceTypes';
import type { EngineActions, EngineData } from '../types';

export const engineDefaults: EngineData = {
  backendPreference: 'auto',
  engineStatus: { kind: 'starting' },
  lastOpMs: null,
  lastOpName: null,
};

export const createEngineSlice: AppSlice<EngineData & EngineActions> = (set) => ({
  ...engineDefaults,
  setBackendPreference: (backendPreference) => set({ backendPreference }),
  setEngineStatus: (engineStatus) => set({ engineStatus }),
  recordOp: (lastOpName, lastOpMs) => set({ lastOpName, lastOpMs }),
});
