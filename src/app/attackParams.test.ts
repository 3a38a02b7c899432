import { describe, expect, it } from 'vitest';
import { createAppStore } from '../state/store';
import { attackParamsFrom } from './attackParams';

describe('attackParamsFrom', () => {
  it('sends only the fields the mode uses', () => {
    const s = createAppStore({ eps: 0.1, seed: 3 }).getState();
    expect(attackParamsFrom(s, 7)).toEqual({
      mode: 'fgsm',
      eps: 0.1,
      labelSource: 'true',
      trueLabel: 7,
      clip: [0, 1],
      seed: 3,
    });
    const targeted = attackParamsFrom({ ...s, attackMode: 'targeted', targetClass: 2 }, undefined);
    expect(targeted.targetClass).toBe(2);
    expect(targeted.trueLabel).toBeUndefined();
    expect(targeted.steps).toBeUndefined();
  });

  it('uses the prediction as the loss label when the true class is unknown to the model', () => {
    const s = createAppStore({ labelSource: 'true' }).getState();
    expect(attackParamsFrom(s, undefined).labelSource).toBe('predicted');
    expect(attackParamsFrom(s, 4).labelSource).toBe('true');
  });

  it('leaves the PGD step size to the engine default (eps / 4) unless one is set', () => {
    const s = createAppStore({ attackMode: 'pgd', pgdSteps: 20 }).getState();
    expect(attackParamsFrom(s, 1)).toMatchObject({ steps: 20 });
    expect(attackParamsFrom(s, 1).stepSize).toBeUndefined();
    expect(attackParamsFrom({ ...s, pgdStepSize: 0.02 }, 1).stepSize).toBe(0.02);
  });

  it('copies the clip range so the engine call never shares the store array', () => {
    const s = createAppStore().getState();
    expect(attackParamsFrom(s, 0).clip).not.toBe(s.clip);
  });
});
