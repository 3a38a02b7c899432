import type { AppSlice } from '../sliceTypes';
import type { ResultActions, ResultData } from '../types';

export const resultDefaults: ResultData = {
  attackOutcome: null,
  errors: [],
};

/** the banner keeps the newest few messages */
const MAX_ERRORS = 4;

export const createResultSlice: AppSlice<ResultData & ResultActions> = (set) => {
  let nextErrorId = 1;
  return {
    ...resultDefaults,
    setAttackOutcome: (attackOutcome) => set({ attackOutcome }),
    pushError: (source, message) =>
      set((s) => {
        // the same failure repeated (e.g. while dragging) shows once
        const others = s.errors.filter((e) => !(e.source === source && e.message === message));
        return { errors: [...others, { id: nextErrorId++, source, message }].slice(-MAX_ERRORS) };
      }),
    dismissError: (id) => set((s) => ({ errors: s.errors.filter((e) => e.id !== id) })),
    clearErrors: (source) =>
      set((s) => ({ errors: source ? s.errors.filter((e) => e.source !== source) : [] })),
  };
};
