import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store';
import { decodeState, encodeState, parseBackendParam, type ShareableState } from './codec';
import { applyShareable, shareableFromState, unshareableNote } from './storeState';

const FULL: ShareableState = {
  model: 'mnist-maxout',
  image: 42,
  eps: 0.07,
  attack: 'pgd',
  target: 3,
  steps: 25,
  stepSize: 0.01,
  label: 'predicted',
  view: 'sweep',
  sweepMax: 0.4,
  sweepPoints: 101,
  mapRes: 96,
  mapSeed: 7,
  mapDir: 'random',
  backend: 'wasm',
  compareModel: 'mnist-maxout-adv',
  plot: 'probabilities',
  maps: 3,
  cell: [0.125, -0.0625],
  cellDir: 'fgsm',
  wcompare: 'mnist-maxout-adv',
  wpage: 2,
  wunits: 8,
  xkind: 'transfer',
  xmodels: ['mnist-maxout', 'mnist-maxout-adv'],
  xattack: 'pgd',
  xtarget: 4,
  xeps: [0.1, 0.25],
  xeps1: 0.2,
  xlimit: 500,
  xseed: 3,
  xcount: 50,
  xsteps: 7,
  xdir: 'sign',
  xsources: 5,
};

describe('encodeState / decodeState', () => {
  it('round-trips every field exactly (decode(encode(s)) = s), with v=1 first', () => {
    const params = encodeState(FULL);
    expect(params.toString().startsWith('v=1&model=mnist-maxout&image=42&eps=0.07')).toBe(true);
    const { state, warnings } = decodeState(`?${params.toString()}`);
    expect(warnings).toEqual([]);
    expect(state).toEqual(FULL);
  });

  it('round-trips floats bit for bit (String(x) is the shortest exact decimal)', () => {
    for (const eps of [0.1 + 0.2, 1 / 3, 64 / 255, 5e-7]) {
      expect(decodeState(encodeState({ eps })).state.eps).toBe(eps);
    }
  });

  it('reads the same fields from a plain object (postMessage), numbers or strings', () => {
    expect(decodeState({ eps: 0.1, image: '7', view: 'weights' }).state).toEqual({
      eps: 0.1,
      image: 7,
      view: 'weights',
    });
  });

  it('clamps numbers into their ranges: eps to [0, 1], steps to [1, 200], points to [3, 1001]', () => {
    expect(decodeState('eps=3&steps=0&sweepPoints=5000&mapRes=2&image=-1').state).toEqual({
      image: 0,
      eps: 1,
      steps: 1,
      sweepPoints: 1001,
      mapRes: 16,
    });
  });
});

describe('malicious and broken input is ignored with a warning', () => {
  const cases: [string, string | object][] = [
    ['script in a string field', 'model=<script>window.__aePwned=1</script>'],
    ['markup in an enum', 'view=<img src=x onerror=alert(1)>'],
    ['javascript: url', 'backend=javascript:alert(1)'],
    ['huge number', 'eps=1e308'],
    ['overflowing number', 'image=1e400'],
    ['NaN', 'eps=NaN'],
    ['Infinity', 'eps=Infinity'],
    ['hex', 'image=0x10'],
    ['spaces and garbage', 'eps=0.1abc'],
    ['fraction for an integer', 'image=4.5'],
    ['own image', 'image=own'],
    ['unknown enum', 'attack=carlini'],
    ['wrong type (object)', { eps: { valueOf: 1 } }],
    ['wrong type (array)', { image: [1, 2] }],
    ['wrong type (boolean)', { view: true }],
    ['wrong type (null)', { model: null }],
    ['too long a model id', `model=${'a'.repeat(65)}`],
    ['markup in a model list', 'xmodels=a,<b>'],
    ['an empty list', 'xeps='],
    ['a list of garbage', 'xeps=0.1,abc'],
    ['too long a list', `xeps=${Array(21).fill('0.1').join(',')}`],
    ['a cell of one number', 'cell=0.1'],
    ['a cell of three numbers', 'cell=0.1,0.2,0.3'],
    ['an unknown plot', 'plot=bars'],
    ['an unknown map direction', 'mapDir=diagonal'],
    ['markup as a map direction', 'mapDir=<b>random</b>'],
    ['an unknown cell plane', 'cellDir=both'],
    ['an unknown experiment', 'xkind=<x>'],
    ['a page 0', 'wpage=0.5'],
  ];
  for (const [name, input] of cases) {
    it(name, () => {
      const { state, warnings } = decodeState(input);
      expect(warnings.length, JSON.stringify(warnings)).toBeGreaterThan(0);
      expect(state).toEqual({});
    });
  }

  it('never lets __proto__, constructor or prototype through, from a query or from JSON', () => {
    const fromJson = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": 1, "eps": 0.2}');
    const a = decodeState(fromJson as object);
    const b = decodeState('__proto__[polluted]=1&constructor=1&prototype=2&eps=0.2');
    for (const { state, warnings } of [a, b]) {
      expect(state).toEqual({ eps: 0.2 });
      expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
      expect(warnings.length).toBeGreaterThanOrEqual(2);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('warns about unknown fields and another version, but keeps the valid ones', () => {
    const { state, warnings } = decodeState('v=2&foo=1&eps=0.3&controls=eps');
    expect(state).toEqual({ eps: 0.3 });
    expect(warnings).toHaveLength(2); // v and foo; controls belongs to embed mode
  });

  it('keeps the first of two copies of a field', () => {
    const { state, warnings } = decodeState('eps=0.1&eps=0.2');
    expect(state).toEqual({ eps: 0.1 });
    expect(warnings).toHaveLength(1);
  });
});

describe('parseBackendParam (the existing ?backend= API)', () => {
  it('reads known backends and auto, ignores anything else', () => {
    expect(parseBackendParam('?backend=webgpu')).toBe('webgpu');
    expect(parseBackendParam('?backend=auto')).toBe('auto');
    expect(parseBackendParam('?backend=__proto__')).toBeNull();
  });
});

describe('store <-> shareable state', () => {
  it('a state applied to a fresh store reads back as the same shareable state', () => {
    const store = createAppStore();
    applyShareable(store, decodeState(encodeState(FULL)).state);
    // targeted params are written only for the targeted attack: compare without them
    const expected: ShareableState = { ...FULL };
    delete expected.target;
    expect(shareableFromState(store.getState())).toEqual(expected);
    const s = store.getState();
    expect([s.selectedModelId, s.selectedIndex, s.eps, s.activeTab]).toEqual([
      'mnist-maxout',
      42,
      0.07,
      'sweep',
    ]);
    expect([s.pgdSteps, s.pgdStepSize, s.sweepEpsMax, s.csResolution, s.csSeed]).toEqual([
      25, 0.01, 0.4, 96, 7,
    ]);
    expect([s.sweepMode, s.csCount, s.weightsCompareId, s.weightsPage]).toEqual([
      'probabilities',
      3,
      'mnist-maxout-adv',
      1,
    ]);
    expect(s.weightsUnitsPerPage).toBe(8);
    expect(s.csPlanes).toBe('random');
    expect(s.csPendingCell).toEqual({ offsets: [0.125, -0.0625], horizontal: 'fgsm' });
    expect(s.experimentOverrides).toEqual({
      kind: 'transfer',
      models: ['mnist-maxout', 'mnist-maxout-adv'],
      mode: 'pgd',
      targetClass: 4,
      epsList: [0.1, 0.25],
      eps: 0.2,
      limit: 500,
      seed: 3,
      count: 50,
      steps: 7,
      direction: 'sign',
      sources: 5,
    });
  });

  it('applies eps through the store, which clamps to the dataset range (MNIST: 0.5)', () => {
    const store = createAppStore();
    applyShareable(store, { eps: 0.9 });
    expect(store.getState().eps).toBe(0.5);
  });

  it('writes a cross-section point as the test image it came from and its cell', () => {
    const store = createAppStore();
    store.getState().selectIndex(5);
    store.getState().setProbeImage({
      modelId: 'm',
      baseIndex: 5,
      trueLabel: 1,
      image: { data: new Float32Array(4), height: 2, width: 2, channels: 1 },
      description: 'x',
      linf: 0,
      cell: [0.1, -0.2],
    });
    expect(shareableFromState(store.getState())).toMatchObject({ image: 5, cell: [0.1, -0.2] });
    expect(unshareableNote(store.getState())).toBeNull();
  });

  it('shows both planes by default; writes mapDir only for one plane alone', () => {
    const store = createAppStore();
    expect(store.getState().csPlanes).toBe('both');
    expect(shareableFromState(store.getState()).mapDir).toBeUndefined();
    for (const planes of ['fgsm', 'random'] as const) {
      store.getState().setCsPlanes(planes);
      expect(shareableFromState(store.getState()).mapDir).toBe(planes);
    }
    const reloaded = createAppStore();
    applyShareable(reloaded, decodeState('mapDir=both').state);
    expect(reloaded.getState().csPlanes).toBe('both');
  });

  it('writes the plane of a clicked point where it differs from what mapDir implies', () => {
    const store = createAppStore();
    const probe = {
      modelId: 'm',
      baseIndex: 5,
      trueLabel: 1,
      image: { data: new Float32Array(4), height: 2, width: 2, channels: 1 },
      description: 'x',
      linf: 0,
      cell: [0.1, -0.2] as [number, number],
    };
    const written = (horizontal: 'fgsm' | 'random') => {
      store.getState().setProbeImage({ ...probe, horizontal });
      return shareableFromState(store.getState());
    };
    // both planes shown: an FGSM point needs no cellDir, a random-map point says so
    expect(written('fgsm')).toMatchObject({ cell: [0.1, -0.2] });
    expect(written('fgsm').cellDir).toBeUndefined();
    expect(written('random')).toMatchObject({ cell: [0.1, -0.2], cellDir: 'random' });
    // one plane shown, the point from the other: still shareable, with its plane
    store.getState().setCsPlanes('random');
    expect(written('random').cellDir).toBeUndefined();
    expect(written('fgsm')).toMatchObject({ mapDir: 'random', cellDir: 'fgsm' });
    expect(unshareableNote(store.getState())).toBeNull();
  });

  it('reads a link’s point on the plane it names, else on the one mapDir implies', () => {
    const pending = (query: string) => {
      const store = createAppStore();
      applyShareable(store, decodeState(query).state);
      return store.getState().csPendingCell;
    };
    const offsets = [0.1, -0.2];
    expect(pending('cell=0.1,-0.2')).toEqual({ offsets, horizontal: 'fgsm' });
    expect(pending('cell=0.1,-0.2&cellDir=random')).toEqual({ offsets, horizontal: 'random' });
    // links written before the pairs: mapDir=random meant the point was on a random plane
    expect(pending('mapDir=random&cell=0.1,-0.2')).toEqual({ offsets, horizontal: 'random' });
    expect(pending('mapDir=fgsm&cell=0.1,-0.2')).toEqual({ offsets, horizontal: 'fgsm' });
  });

  it('says that an own image cannot be shared, and which test image the link shows', () => {
    const store = createAppStore();
    store.getState().selectIndex(9);
    expect(unshareableNote(store.getState())).toBeNull();
    store.setState({ imageSource: 'own' });
    expect(shareableFromState(store.getState()).image).toBe(9);
    expect(unshareableNote(store.getState())).toMatch(/own image .* test image 9/);
  });
});
