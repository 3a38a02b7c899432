import type { AttackParams } from '../engine/api';
import type { AttackData } from '../state/types';

/**
 * The engine's attack parameters for the current controls; only the fields the mode uses.
 * `trueLabel` is the image's class as the model numbers them; without one the loss label can
 * only be the model's own prediction.
 */
export function attackParamsFrom(s: AttackData, trueLabel: number | undefined): AttackParams {
  const params: AttackParams = {
    mode: s.attackMode,
    eps: s.eps,
    labelSource: trueLabel === undefined ? 'predicted' : s.labelSource,
    clip: [s.clip[0], s.clip[1]],
    seed: s.seed,
  };
  if (trueLabel !== undefined) params.trueLabel = trueLabel;
  if (s.attackMode === 'targeted') params.targetClass = s.targetClass;
  if (s.attackMode === 'pgd') {
    params.steps = s.pgdSteps;
    if (s.pgdStepSize !== null) params.stepSize = s.pgdStepSize;
  }
  return params;
}
