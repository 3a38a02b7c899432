import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_SPEC } from '../../shared/labSpec';
import { createAppStore } from '../store';
import { decodeState, encodeState } from './codec';
import { applyShareable, shareableFromState } from './storeState';

describe("the Training lab's settings in a link", () => {
  it('writes only the settings that differ from the defaults, and reads them back', () => {
    const store = createAppStore();
    store.getState().setActiveTab('train');
    store.getState().setLabSpec({
      ...DEFAULT_TRAINING_SPEC,
      architecture: 'maxout',
      units: 64,
      objective: 'uniform',
      eps: 0.1,
      trainImages: 4096,
    });
    const params = encodeState(shareableFromState(store.getState()));
    expect(params.get('view')).toBe('train');
    expect([...params.keys()].filter((k) => k.startsWith('lab'))).toEqual([
      'labModel',
      'labUnits',
      'labX',
      'labEps',
      'labImages',
    ]);
    const other = createAppStore();
    applyShareable(other, decodeState(params).state);
    expect(other.getState().labSpec).toEqual(store.getState().labSpec);
    expect(other.getState().activeTab).toBe('train');
  });

  it('lays a partial link over the current settings, clamped; bad values are dropped', () => {
    const { state, warnings } = decodeState(
      '?view=train&labModel=maxout&labEps=3&labUnits=12.5&labX=pgd&labSeed=9',
    );
    expect(warnings).toEqual([
      'ignored labUnits="12.5": not a whole number',
      'ignored labX="pgd": not one of none, fgsm, fgsm-random-start, random-sign, uniform',
    ]);
    const store = createAppStore();
    applyShareable(store, state);
    expect(store.getState().labSpec).toEqual({
      ...DEFAULT_TRAINING_SPEC,
      architecture: 'maxout',
      eps: 0.5,
      seed: 9,
    });
  });
});
