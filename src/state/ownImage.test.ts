import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../models/manifest';
import {
  currentEngineImage,
  selectActiveOwn,
  selectOwnPrepared,
  selectShownTrueLabel,
} from './ownImageSelectors';
import { createAppStore } from './store';

function manifest(id: string, classNames: string[]): ModelManifest {
  return {
    id,
    title: id,
    dataset: 'mnist',
    classNames,
    inputShape: [28, 28, 1],
    modelInputShape: [784],
    preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
    output: 'logits',
    format: 'layers',
    url: `${id}/model.json`,
    architecture: 'test',
  };
}

/** a white 40x40 sheet with a black vertical bar: dark ink on paper */
function drawing() {
  const data = new Uint8ClampedArray(40 * 40 * 4).fill(255);
  for (let y = 5; y < 35; y++)
    for (let x = 18; x < 22; x++) data.fill(0, (y * 40 + x) * 4, (y * 40 + x) * 4 + 3);
  return {
    name: 'bar.png',
    raster: { width: 40, height: 40, data },
    originalWidth: 40,
    originalHeight: 40,
    notes: [],
  };
}

function store() {
  const s = createAppStore();
  const digits = Array.from({ length: 10 }, (_, i) => String(i));
  s.getState().setModelList({
    status: 'ready',
    models: [manifest('all', digits), manifest('3v7', ['3', '7'])],
  });
  s.getState().selectModel('all');
  return s;
}

describe('own image slice', () => {
  it('a new picture becomes the current image; its label is unknown (-1)', () => {
    const s = store();
    s.getState().setOwnImage(drawing());
    expect(s.getState().imageSource).toBe('own');
    // unknown class: the loss label is the model's own prediction, until the user names one
    expect(s.getState().labelSource).toBe('predicted');
    const current = currentEngineImage(s.getState());
    expect(current?.own).not.toBeNull();
    expect(current?.trueLabel).toBe(-1);
    // the views show no true class for it
    expect(selectShownTrueLabel(s.getState())).toBeNull();
    // the MNIST recipe ran: 28x28, ink bright (inverted from dark-on-light), max 1
    expect(current?.image).toMatchObject({ width: 28, height: 28, channels: 1 });
    expect(Math.max(...(current?.image.data ?? []))).toBeCloseTo(1, 5);
    expect(selectOwnPrepared(s.getState())?.inverted).toBe(true);
  });

  it('prepares once per picture and model (stable identity), again after an adjustment', () => {
    const s = store();
    s.getState().setOwnImage(drawing());
    const a = selectActiveOwn(s.getState());
    expect(selectActiveOwn(s.getState())).toBe(a);
    s.getState().setOwnAdjust({ invert: 'off' });
    const b = selectActiveOwn(s.getState());
    expect(b).not.toBe(a);
    expect(b?.empty).toBe(true);
  });

  it('stays current across a model change, and maps the user label by class name', () => {
    const s = store();
    s.getState().setOwnImage(drawing());
    s.getState().setOwnLabel('7');
    expect(s.getState().labelSource).toBe('true');
    expect(selectActiveOwn(s.getState())?.trueLabel).toBe(7);
    expect(selectShownTrueLabel(s.getState())).toBe(7);
    s.getState().selectModel('3v7');
    expect(s.getState().imageSource).toBe('own');
    expect(selectActiveOwn(s.getState())?.trueLabel).toBe(1);
    expect(selectActiveOwn(s.getState())?.modelId).toBe('3v7');
  });

  it('picking a test image leaves the own picture (kept for later)', () => {
    const s = store();
    s.getState().setOwnImage(drawing());
    s.getState().selectIndex(3);
    expect(s.getState().imageSource).toBe('test');
    expect(selectActiveOwn(s.getState())).toBeNull();
    expect(s.getState().ownImage).not.toBeNull();
    s.getState().setImageSource('own');
    expect(selectActiveOwn(s.getState())).not.toBeNull();
  });

  it('a crop changes the tensor every view gets; a new picture starts without one', () => {
    const store = createAppStore();
    store.getState().setModelList({ status: 'ready', models: [manifest('m', ['a', 'b'])] });
    store.getState().selectModel('m');
    store.getState().setOwnImage(drawing());
    const whole = selectOwnPrepared(store.getState())?.image.data;
    // the crop holds no ink: the MNIST recipe finds an empty sheet
    store.getState().setOwnAdjust({ crop: { x: 0, y: 0, width: 12, height: 12 } });
    const cropped = selectOwnPrepared(store.getState());
    expect(cropped?.empty).toBe(true);
    expect(cropped?.image.data).not.toEqual(whole);
    expect(currentEngineImage(store.getState())?.image).toBe(cropped?.image);
    store.getState().setOwnImage(drawing());
    expect(store.getState().ownImage?.adjust.crop).toBeNull();
  });
});
