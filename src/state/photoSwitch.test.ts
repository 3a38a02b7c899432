import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../models/manifest';
import { DEFAULT_PHOTO_MODEL_ID, photoModelFor } from '../models/photoModel';
import { encodeState } from './url/codec';
import { shareableFromState } from './url/storeState';
import { selectActiveOwn, selectOwnPrepared } from './ownImageSelectors';
import { selectModelSwitch } from './selectors';
import { createAppStore } from './store';

const DIGITS = Array.from({ length: 10 }, (_, i) => String(i));
const CIFAR = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
];

function greyModel(id: string): ModelManifest {
  return {
    id,
    title: `Grey ${id}`,
    dataset: 'mnist',
    classNames: DIGITS,
    inputShape: [28, 28, 1],
    modelInputShape: [784],
    preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
    output: 'logits',
    format: 'layers',
    url: `${id}/model.json`,
    architecture: 'test',
  };
}

function photoModel(id: string): ModelManifest {
  return {
    ...greyModel(id),
    title: `Photo ${id}`,
    dataset: 'cifar10',
    classNames: CIFAR,
    inputShape: [32, 32, 3],
    modelInputShape: [32, 32, 3],
    preprocessing: { recipe: 'photo', colour: 'rgb', range: '0-1' },
  };
}

/** a 40x30 picture: colourful halves, or the same in grey */
function picture(colour: boolean) {
  const data = new Uint8ClampedArray(40 * 30 * 4);
  for (let p = 0; p < 40 * 30; p++) {
    const rgb = p % 40 < 20 ? [200, 120, 40] : [30, 90, 200];
    data.set(colour ? [...rgb, 255] : [120, 120, 120, 255], p * 4);
  }
  return {
    name: colour ? 'cat.png' : 'digit.png',
    raster: { width: 40, height: 30, data },
    originalWidth: 40,
    originalHeight: 30,
    notes: [],
  };
}

function store(models: ModelManifest[], selected: string) {
  const s = createAppStore();
  s.getState().setModelList({ status: 'ready', models });
  s.getState().selectModel(selected);
  return s;
}

const ZOO = [greyModel('mnist-softmax'), photoModel(DEFAULT_PHOTO_MODEL_ID), photoModel('own-rgb')];

describe('photoModelFor', () => {
  it('a greyscale model gives way to the default photo model, when the list has it', () => {
    expect(photoModelFor(ZOO[0], ZOO)?.id).toBe(DEFAULT_PHOTO_MODEL_ID);
    expect(photoModelFor(ZOO[0], [ZOO[0] as ModelManifest])).toBeNull();
  });

  it('a photo model is kept: the default one or a user’s own RGB model', () => {
    expect(photoModelFor(ZOO[1], ZOO)).toBeNull();
    expect(photoModelFor(ZOO[2], ZOO)).toBeNull();
    expect(photoModelFor(undefined, ZOO)).toBeNull();
  });

  it('a grey photo-recipe model counts as greyscale', () => {
    const greyPhoto = {
      ...photoModel('grey-photo'),
      preprocessing: { recipe: 'photo', colour: 'grey', range: '0-1' },
    } as const;
    expect(photoModelFor(greyPhoto, ZOO)?.id).toBe(DEFAULT_PHOTO_MODEL_ID);
  });
});

describe('a picture arriving', () => {
  it('a colour photo on an MNIST model switches to the photo model, with a notice', () => {
    const s = store(ZOO, 'mnist-softmax');
    s.getState().receiveOwnImage(picture(true));
    const st = s.getState();
    expect(st.selectedModelId).toBe(DEFAULT_PHOTO_MODEL_ID);
    expect(st.imageSource).toBe('own');
    expect(selectModelSwitch(st)).toEqual({
      fromModelId: 'mnist-softmax',
      toModelId: DEFAULT_PHOTO_MODEL_ID,
    });
    // the photo recipe made it the 32x32 colour tensor
    expect(selectActiveOwn(st)?.image).toMatchObject({ width: 32, height: 32, channels: 3 });
    // the URL carries the new model
    expect(encodeState(shareableFromState(st)).get('model')).toBe(DEFAULT_PHOTO_MODEL_ID);
  });

  it('a grey picture stays on the MNIST model', () => {
    const s = store(ZOO, 'mnist-softmax');
    s.getState().receiveOwnImage(picture(false));
    expect(s.getState().selectedModelId).toBe('mnist-softmax');
    expect(s.getState().modelSwitch).toBeNull();
    expect(selectOwnPrepared(s.getState())?.recipe).toBe('mnist');
  });

  it('a photo model already selected is kept (an own RGB model too)', () => {
    for (const id of [DEFAULT_PHOTO_MODEL_ID, 'own-rgb']) {
      const s = store(ZOO, id);
      s.getState().receiveOwnImage(picture(true));
      expect(s.getState().selectedModelId).toBe(id);
      expect(s.getState().modelSwitch).toBeNull();
    }
  });

  it('without the photo model in the list, the current model stays', () => {
    const s = store([greyModel('mnist-softmax')], 'mnist-softmax');
    s.getState().receiveOwnImage(picture(true));
    expect(s.getState().selectedModelId).toBe('mnist-softmax');
    expect(s.getState().ownImage?.name).toBe('cat.png');
  });

  it('"Keep" goes back to the previous model with the same picture, and later photos stay', () => {
    const s = store(ZOO, 'mnist-softmax');
    s.getState().receiveOwnImage(picture(true));
    const ownId = s.getState().ownImage?.id;
    s.getState().keepPreviousModel();
    const st = s.getState();
    expect(st.selectedModelId).toBe('mnist-softmax');
    expect(st.modelSwitch).toBeNull();
    expect(st.ownImage?.id).toBe(ownId);
    expect(selectActiveOwn(st)?.image).toMatchObject({ width: 28, height: 28, channels: 1 });
    s.getState().receiveOwnImage(picture(true));
    expect(s.getState().selectedModelId).toBe('mnist-softmax');
  });

  it('dismissing keeps the photo model; picking a model by hand settles the notice', () => {
    const s = store(ZOO, 'mnist-softmax');
    s.getState().receiveOwnImage(picture(true));
    s.getState().dismissModelSwitch();
    expect(s.getState().selectedModelId).toBe(DEFAULT_PHOTO_MODEL_ID);
    expect(selectModelSwitch(s.getState())).toBeNull();

    s.getState().selectModel('mnist-softmax');
    s.getState().receiveOwnImage(picture(true));
    expect(selectModelSwitch(s.getState())).not.toBeNull();
    s.getState().selectModel('own-rgb');
    expect(s.getState().modelSwitch).toBeNull();
    // nothing to go back from any more
    s.getState().keepPreviousModel();
    expect(s.getState().selectedModelId).toBe('own-rgb');
  });

  it('the notice hides when the photo model is left without the store knowing (a load failure)', () => {
    const s = store(ZOO, 'mnist-softmax');
    s.getState().receiveOwnImage(picture(true));
    // the effects fall back to the last good model directly
    s.setState({ selectedModelId: 'mnist-softmax' });
    expect(selectModelSwitch(s.getState())).toBeNull();
  });

  it('"Keep …" goes once the user goes back to test images (the photo is no longer shown)', () => {
    const s = store(ZOO, 'mnist-softmax');
    s.getState().receiveOwnImage(picture(true));
    expect(selectModelSwitch(s.getState())).not.toBeNull();
    s.getState().selectIndex(3);
    expect(selectModelSwitch(s.getState())).toBeNull();
  });

  it('a labelled test image gets the true label back after an unlabelled picture', () => {
    const s = store(ZOO, 'mnist-softmax');
    expect(s.getState().labelSource).toBe('true');
    s.getState().receiveOwnImage(picture(false));
    expect(s.getState().labelSource).toBe('predicted');
    s.getState().selectIndex(3);
    expect(s.getState().labelSource).toBe('true');
  });
});
