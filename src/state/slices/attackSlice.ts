import { clampEps } from '../epsRange';
import { selectEpsRange, selectSelectedManifest } from '../selectors';
import type { AppSlice } from '../sliceTypes';
import type { AttackActions, AttackData } from '../types';
import { LIMITS } from '../../shared/limits';

export const attackDefaults: AttackData = {
  eps: 0.25,
  attackMode: 'fgsm',
  targetClass: 0,
  labelSource: 'true',
  pgdSteps: LIMITS.pgd.defaultSteps,
  pgdStepSize: null,
  clip: [0, 1],
  seed: 0,
};

export const MAX_PGD_STEPS = LIMITS.pgd.steps[1];

export const createAttackSlice: AppSlice<AttackData & AttackActions> = (set, get) => ({
  ...attackDefaults,
  setEps: (eps) => set((s) => ({ eps: clampEps(eps, selectEpsRange(s)) })),
  setAttackMode: (attackMode) => set({ attackMode }),
  setTargetClass: (target) => {
    const classes = selectSelectedManifest(get())?.classNames.length;
    const t = Math.max(0, Math.trunc(target));
    set({ targetClass: classes === undefined ? t : Math.min(t, classes - 1) });
  },
  setLabelSource: (labelSource) => set({ labelSource }),
  setPgdSteps: (steps) =>
    set({ pgdSteps: Math.min(MAX_PGD_STEPS, Math.max(1, Math.round(steps) || 1)) }),
  setPgdStepSize: (stepSize) =>
    set({
      pgdStepSize:
        stepSize === null || !(stepSize > 0) || !Number.isFinite(stepSize) ? null : stepSize,
    }),
});
