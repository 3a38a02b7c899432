/**
 * A model without test images (one the user brought): the Image panel and the picker say so and
 * what to do, offer the bundled test set that fits it, and the drawing pad for grey models; the
 * cross-sections say that only the user's picture is mapped.
 */
import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../models/manifest';
import { ownTestManifest } from '../models/ownModelFixtures';
import type { Dataset } from '../shared/dataset';
import { selectCanDraw } from './ownImageSelectors';
import { selectTestSetId } from './selectors';
import { createAppStore } from './store';
import {
  selectCsOnlyOwnPicture,
  selectFittingTestSets,
  selectTestImagesNote,
} from './testImagesStatus';

const own = (id: string, imageShape: [number, number, number], classes = 10): ModelManifest =>
  ownTestManifest({ id, imageShape, classes, name: id === 'own-1' ? 'dense-mnist' : 'small-conv' });

function shipped(): ModelManifest {
  return {
    id: 'mnist-softmax',
    title: 'MNIST softmax',
    dataset: 'mnist',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    inputShape: [28, 28, 1],
    modelInputShape: [784],
    preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
    output: 'logits',
    format: 'layers',
    url: 'mnist-softmax/model.json',
    architecture: 'test',
  };
}

function picture() {
  const data = new Uint8ClampedArray(40 * 40 * 4).fill(255);
  return {
    name: 'bar.png',
    raster: { width: 40, height: 40, data },
    originalWidth: 40,
    originalHeight: 40,
    notes: [],
  };
}

function mnist(count: number): Dataset {
  return {
    id: 'mnist',
    split: 'test',
    count,
    height: 28,
    width: 28,
    channels: 1,
    pixels: new Uint8Array(count * 784),
    labels: new Uint8Array(count),
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  };
}

function storeWith(...brought: ModelManifest[]) {
  const store = createAppStore();
  store.getState().setModelList({ status: 'ready', models: [shipped()] });
  store.getState().selectModel('mnist-softmax');
  for (const m of brought) store.getState().addCustomModel(m);
  return store;
}

describe('a model without test images', () => {
  it('says so, with the way to bring a picture (drawing for a grey model)', () => {
    const store = storeWith(own('own-1', [28, 28, 1]));
    expect(selectTestSetId(store.getState())).toBeNull();
    expect(selectTestImagesNote(store.getState())).toBe(
      'dense-mnist (your model) has no test images in this app: drop a picture anywhere on the page, or choose one (or draw one) under “Your image”.',
    );
    expect(selectCanDraw(store.getState())).toBe(true);
  });

  it('a colour model: no drawing pad, and the note does not offer one', () => {
    const store = storeWith(own('own-2', [32, 32, 3]));
    expect(selectTestImagesNote(store.getState())).toBe(
      'small-conv (your model) has no test images in this app: drop a picture anywhere on the page, or choose one under “Your image”.',
    );
    expect(selectCanDraw(store.getState())).toBe(false);
  });

  it('offers the bundled test sets of its shape and class count', () => {
    expect(selectFittingTestSets(storeWith(own('own-1', [28, 28, 1])).getState())).toEqual([
      'mnist',
      'fashion-mnist',
    ]);
    expect(selectFittingTestSets(storeWith(own('own-2', [32, 32, 3])).getState())).toEqual([
      'cifar10',
    ]);
    expect(selectFittingTestSets(storeWith(own('own-2', [32, 32, 3], 5)).getState())).toEqual([]);
    // the same list while nothing changes (components select it)
    const s = storeWith(own('own-1', [28, 28, 1])).getState();
    expect(selectFittingTestSets(s)).toBe(selectFittingTestSets(s));
  });

  it('a shipped model: no note while its test set loads, drawing for digits', () => {
    const store = storeWith();
    expect(selectTestImagesNote(store.getState())).toBeNull();
    expect(selectCanDraw(store.getState())).toBe(true);
    expect(selectFittingTestSets(store.getState())).toEqual([]);
  });
});

describe('pairOwnModelWithTestSet', () => {
  it('gives the own model the test set, same id, the set names, test images shown', () => {
    const store = storeWith(own('own-1', [28, 28, 1]));
    store.getState().setOwnImage(picture());
    expect(store.getState().imageSource).toBe('own');
    store.getState().pairOwnModelWithTestSet('own-1', 'mnist');
    const s = store.getState();
    expect(s.selectedModelId).toBe('own-1');
    expect(selectTestSetId(s)).toBe('mnist');
    expect(s.customModels.find((m) => m.id === 'own-1')?.dataset).toBe('mnist');
    expect(s.imageSource).toBe('test');
    // MNIST's paper eps, as for any switch to an MNIST model
    expect(s.eps).toBe(0.25);
    expect(selectTestImagesNote(s)).toBeNull();
    expect(selectFittingTestSets(s)).toEqual([]);
  });

  it('refuses a set that does not fit, with the reason, and changes nothing', () => {
    const store = storeWith(own('own-1', [28, 28, 1]));
    store.getState().pairOwnModelWithTestSet('own-1', 'cifar10');
    const s = store.getState();
    expect(selectTestSetId(s)).toBeNull();
    expect(s.errors.at(-1)?.message).toMatch(/the CIFAR-10 test images are 32×32×3/);
  });
});

describe('the test images could not be loaded', () => {
  it('the note is the error, not a wait', () => {
    const store = storeWith();
    store.getState().setTestSet('mnist', { status: 'error', message: 'offline (CIFAR-10…)' });
    expect(selectTestImagesNote(store.getState())).toBe(
      'The test images could not be loaded: offline (CIFAR-10…)',
    );
    store.getState().setTestSet('mnist', { status: 'ready', dataset: mnist(3) });
    expect(selectTestImagesNote(store.getState())).toBeNull();
  });
});

describe('cross-sections of a model without test images', () => {
  it('map only the user picture, and say so', () => {
    const store = storeWith(own('own-1', [28, 28, 1]));
    expect(selectCsOnlyOwnPicture(store.getState())).toBe(false);
    store.getState().setOwnImage(picture());
    expect(selectCsOnlyOwnPicture(store.getState())).toBe(true);
    store.getState().pairOwnModelWithTestSet('own-1', 'mnist');
    store.getState().setImageSource('own');
    expect(selectCsOnlyOwnPicture(store.getState())).toBe(false);
  });
});
