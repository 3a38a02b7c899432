import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../models/manifest';
import type { Dataset } from '../shared/dataset';
import { browseOrder, sortedByClass, stepInOrder } from './browseOrder';
import { selectBrowseOrder } from './selectors';
import { createAppStore } from './store';

/** 3 classes x 3 images, stored sorted by class: labels 0,0,0,1,1,1,2,2,2 */
const SORTED = Uint8Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2]);

describe('browse order', () => {
  it('only a set sorted by class (with two classes or more) gets one', () => {
    expect(sortedByClass(SORTED)).toBe(true);
    expect(sortedByClass([3, 1, 2])).toBe(false);
    expect(sortedByClass([4, 4, 4])).toBe(false);
    expect(browseOrder([7, 2, 5], null)).toBeNull();
  });

  it('walks one image of each class in turn; positions invert it', () => {
    const order = browseOrder(SORTED, null);
    expect(Array.from(order?.indices ?? [])).toEqual([0, 3, 6, 1, 4, 7, 2, 5, 8]);
    expect(Array.from(order?.positions ?? [])).toEqual([0, 3, 6, 1, 4, 7, 2, 5, 8]);
  });

  it('keeps to the candidates (a model of some classes), and classes of unequal size', () => {
    const order = browseOrder(
      Uint8Array.from([0, 0, 0, 1, 2, 2]),
      Int32Array.from([0, 1, 2, 4, 5]),
    );
    expect(Array.from(order?.indices ?? [])).toEqual([0, 4, 1, 5, 2]);
    expect(order?.positions[3]).toBe(-1);
  });

  it('steps wrap around', () => {
    const order = browseOrder(SORTED, null);
    if (!order) throw new Error('no order');
    expect(stepInOrder(order, 0, 1)).toBe(3);
    expect(stepInOrder(order, 0, -1)).toBe(8);
    expect(stepInOrder(order, 8, 1)).toBe(0);
  });
});

describe('the store walks a class-sorted test set class by class', () => {
  const manifest: ModelManifest = {
    id: 'c',
    title: 'c',
    dataset: 'cifar10',
    classNames: ['a', 'b', 'c'],
    inputShape: [1, 1, 3],
    modelInputShape: [1, 1, 3],
    preprocessing: { recipe: 'photo', colour: 'rgb', range: '0-1' },
    output: 'logits',
    format: 'layers',
    url: 'c/model.json',
    architecture: 'test',
  };
  const dataset: Dataset = {
    id: 'cifar10',
    split: 'test',
    count: 9,
    height: 1,
    width: 1,
    channels: 3,
    pixels: new Uint8Array(27),
    labels: SORTED,
    classNames: ['a', 'b', 'c'],
  };

  it('next and previous follow the interleaved order; indices stay the dataset’s', () => {
    const s = createAppStore();
    s.getState().setModelList({ status: 'ready', models: [manifest] });
    s.getState().selectModel('c');
    s.getState().setTestSet('cifar10', { status: 'ready', dataset });
    expect(selectBrowseOrder(s.getState())).not.toBeNull();
    s.getState().stepIndex(1);
    expect(s.getState().selectedIndex).toBe(3);
    s.getState().stepIndex(1);
    expect(s.getState().selectedIndex).toBe(6);
    s.getState().stepIndex(-3);
    expect(s.getState().selectedIndex).toBe(8);
    s.getState().selectIndex(4);
    expect(s.getState().selectedIndex).toBe(4);
  });
});
