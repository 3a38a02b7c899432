import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../models/manifest';
import type { Dataset } from '../shared/dataset';
import { formatEps255 } from './epsRange';
import { selectDataset, selectTrueLabel } from './selectors';
import { createAppStore } from './store';
import { parseBackendParam } from './urlBackend';

function manifest(id: string, dataset: ModelManifest['dataset'], classes = 10): ModelManifest {
  return {
    id,
    title: id,
    dataset,
    classNames: Array.from({ length: classes }, (_, i) => `c${i}`),
    inputShape: dataset === 'cifar10' ? [32, 32, 3] : [28, 28, 1],
    modelInputShape: [784],
    preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
    output: 'logits',
    format: 'layers',
    url: `${id}/model.json`,
    architecture: 'test',
  };
}

function dataset(count: number): Dataset {
  return {
    id: 'mnist',
    split: 'test',
    count,
    height: 2,
    width: 2,
    channels: 1,
    pixels: new Uint8Array(count * 4),
    labels: Uint8Array.from({ length: count }, (_, i) => (i * 3) % 10),
    classNames: Array.from({ length: 10 }, (_, i) => `${i}`),
  };
}

function storeWithModels() {
  const store = createAppStore();
  store.getState().setModelList({
    status: 'ready',
    models: [manifest('m1', 'mnist'), manifest('m2', 'mnist'), manifest('c1', 'cifar10', 4)],
  });
  store.getState().selectModel('m1');
  return store;
}

describe('createAppStore', () => {
  it('makes independent instances', () => {
    const a = createAppStore();
    const b = createAppStore();
    a.getState().setActiveTab('sweep');
    expect(a.getState().activeTab).toBe('sweep');
    expect(b.getState().activeTab).toBe('image');
  });

  it('applies the initial data over the defaults', () => {
    const s = createAppStore({ backendPreference: 'wasm', eps: 0.1 }).getState();
    expect(s.backendPreference).toBe('wasm');
    expect(s.eps).toBe(0.1);
    expect(s.attackMode).toBe('fgsm');
  });

  it('starts at the paper eps for MNIST, 0.25', () => {
    expect(createAppStore().getState().eps).toBe(0.25);
  });
});

describe('eps', () => {
  it('clamps to [0, 0.5] on MNIST and [0, 0.3] elsewhere', () => {
    const store = storeWithModels();
    store.getState().setEps(0.7);
    expect(store.getState().eps).toBe(0.5);
    store.getState().setEps(-1);
    expect(store.getState().eps).toBe(0);
    store.getState().selectModel('c1');
    store.getState().setEps(0.7);
    expect(store.getState().eps).toBe(0.3);
  });

  it('moves to the new dataset default when the dataset changes, keeps it otherwise', () => {
    const store = storeWithModels();
    store.getState().setEps(0.4);
    store.getState().selectModel('m2');
    expect(store.getState().eps).toBe(0.4);
    store.getState().selectModel('c1');
    expect(store.getState().eps).toBe(0.1);
  });

  it('clamps the target class to the new model', () => {
    const store = storeWithModels();
    store.getState().setTargetClass(9);
    store.getState().setTargetClass(12);
    expect(store.getState().targetClass).toBe(9);
    store.getState().selectModel('c1');
    expect(store.getState().targetClass).toBe(0);
  });

  it('shows eps in 1/255 steps', () => {
    expect(formatEps255(64 / 255)).toBe('64/255');
    expect(formatEps255(0.25)).toBe('≈64/255');
    expect(formatEps255(0)).toBe('0/255');
  });
});

describe('test image selection', () => {
  it('wraps next/previous around the loaded test set', () => {
    const store = storeWithModels();
    store.getState().setTestSet('mnist', { status: 'ready', dataset: dataset(5) });
    store.getState().stepIndex(-1);
    expect(store.getState().selectedIndex).toBe(4);
    store.getState().stepIndex(2);
    expect(store.getState().selectedIndex).toBe(1);
    expect(selectTrueLabel(store.getState())).toBe(3);
  });

  it('keeps an early index and brings it into range once the set loads', () => {
    const store = storeWithModels();
    store.getState().selectIndex(12);
    expect(store.getState().selectedIndex).toBe(12);
    expect(selectDataset(store.getState())).toBeNull();
    store.getState().setTestSet('mnist', { status: 'ready', dataset: dataset(5) });
    expect(store.getState().selectedIndex).toBe(2);
  });

  it('draws a random index from the injected generator', () => {
    const store = storeWithModels();
    store.getState().setTestSet('mnist', { status: 'ready', dataset: dataset(10) });
    store.getState().randomIndex(() => 0.75);
    expect(store.getState().selectedIndex).toBe(7);
  });
});

describe('attack parameters', () => {
  it('keeps PGD steps whole and in [1, 200] and the step size positive or default', () => {
    const s = createAppStore();
    s.getState().setPgdSteps(0);
    expect(s.getState().pgdSteps).toBe(1);
    s.getState().setPgdSteps(1e6);
    expect(s.getState().pgdSteps).toBe(200);
    s.getState().setPgdStepSize(-0.1);
    expect(s.getState().pgdStepSize).toBeNull();
    s.getState().setPgdStepSize(0.01);
    expect(s.getState().pgdStepSize).toBe(0.01);
  });
});

describe('errors', () => {
  it('shows a repeated error once, keeps the newest four and dismisses by id', () => {
    const s = createAppStore();
    for (let i = 0; i < 6; i++) s.getState().pushError('attack', `failure ${i}`);
    s.getState().pushError('attack', 'failure 5');
    const errors = s.getState().errors;
    expect(errors.map((e) => e.message)).toEqual([
      'failure 2',
      'failure 3',
      'failure 4',
      'failure 5',
    ]);
    s.getState().dismissError(errors[0]?.id ?? -1);
    expect(s.getState().errors).toHaveLength(3);
    s.getState().pushError('model', 'x');
    s.getState().clearErrors('attack');
    expect(s.getState().errors.map((e) => e.source)).toEqual(['model']);
  });
});

describe('parseBackendParam', () => {
  it('reads known backends and auto, ignores anything else', () => {
    expect(parseBackendParam('?backend=wasm')).toBe('wasm');
    expect(parseBackendParam('?x=1&backend=auto')).toBe('auto');
    expect(parseBackendParam('?backend=cuda')).toBeNull();
    expect(parseBackendParam('')).toBeNull();
  });
});

describe('a model of some of the dataset classes', () => {
  function subsetStore() {
    const store = createAppStore();
    store.getState().setModelList({
      status: 'ready',
      models: [manifest('all', 'mnist'), { ...manifest('3v7', 'mnist'), classNames: ['3', '7'] }],
    });
    store.getState().selectModel('all');
    // labels: 0,3,6,9,2,5,8,1,4,7 for images 0..9
    store.getState().setTestSet('mnist', { status: 'ready', dataset: dataset(10) });
    return store;
  }

  it('moves to an image of its classes and numbers the true label its way', () => {
    const store = subsetStore();
    store.getState().selectIndex(2); // label 6
    store.getState().selectModel('3v7');
    expect(store.getState().selectedIndex).toBe(9); // label 7, the next 3 or 7
    expect(selectTrueLabel(store.getState())).toBe(1);
    store.getState().stepIndex(1);
    expect(store.getState().selectedIndex).toBe(1); // label 3, wrapping around
    expect(selectTrueLabel(store.getState())).toBe(0);
    store.getState().randomIndex(() => 0.99);
    expect(store.getState().selectedIndex).toBe(9);
  });
});

describe('view settings', () => {
  it('keeps sweep and cross-section settings in their ranges', () => {
    const s = createAppStore();
    s.getState().setSweepRange(0, 51);
    expect(s.getState().sweepEpsMax).toBeNull(); // eps max must be positive: ignored
    s.getState().setSweepRange(2, 1e6);
    expect([s.getState().sweepEpsMax, s.getState().sweepPoints]).toEqual([1, 1001]);
    s.getState().setCsResolution(8);
    expect(s.getState().csResolution).toBe(16);
    s.getState().setCsCount(40);
    expect(s.getState().csCount).toBe(12);
  });

  it('drops a probe image when another image or model is chosen', () => {
    const store = storeWithModels();
    const probe = {
      modelId: 'm1',
      baseIndex: 0,
      trueLabel: 1,
      image: { data: new Float32Array(4), height: 2, width: 2, channels: 1 },
      description: 'x',
      linf: 0,
    };
    store.getState().setProbeImage(probe);
    store.getState().selectIndex(1);
    expect(store.getState().probeImage).toBeNull();
    store.getState().setProbeImage(probe);
    store.getState().selectModel('m2');
    expect(store.getState().probeImage).toBeNull();
  });
});
