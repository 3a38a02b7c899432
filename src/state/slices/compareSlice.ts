/**
 * The compare view: which model stands beside the selected one, and the attack results of both
 * on the current image (written by src/app/compareEffects, read by the view).
 */
import type { AppSlice } from '../sliceTypes';
import type { CompareActions, CompareData } from './compareTypes';
export * from './compareTypes';

export const compareDefaults: CompareData = {
  compareModelId: null,
  compareCells: {},
};

export const createCompareSlice: AppSlice<CompareData & CompareActions> = (set) => ({
  ...compareDefaults,
  setCompareModelId: (compareModelId) => set({ compareModelId }),
  setCompareCell: (role, cell) =>
    set((s) => ({ compareCells: { ...s.compareCells, [`${role}:${cell.mode}`]: cell } })),
  clearCompareCells: (role) =>
    set((s) =>
      role === undefined
        ? { compareCells: {} }
        : {
            compareCells: Object.fromEntries(
              Object.entries(s.compareCells).filter(([key]) => !key.startsWith(`${role}:`)),
            ),
          },
    ),
});
