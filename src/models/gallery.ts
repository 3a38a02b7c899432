/**
 * A short gallery of well-known public TF.js ImageNet classifiers (the paper's Fig. 1 is an
 * ImageNet model), loaded by their publishers' addresses as own models. Each says its input
 * range and size; the 1,000 ImageNet class names ship with the app (public/imagenet/), and
 * the TF-Hub exports' 1,001 outputs get 'background' first. Third-party models: nothing here
 * is ours but the list.
 */
import type { InputRange } from './manifest';

export interface GalleryModel {
  id: string;
  name: string;
  /** the publisher's address of model.json */
  url: string;
  format: 'layers' | 'graph';
  range: InputRange;
  /** 1,001: a 'background' class first (TF-Hub's ImageNet exports) */
  outputs: 1000 | 1001;
  /** bytes of weights to download */
  bytes: number;
  /** whether `bytes` was read from the files (else: parameters x 4 bytes, from the publisher) */
  bytesExact: boolean;
  publisher: string;
  /** the publisher's page for the model */
  page: string;
  licence: string;
}

export const IMAGENET_CLASSES_PATH = 'imagenet/classes.json';

export const GALLERY: readonly GalleryModel[] = [
  {
    id: 'mobilenet-v1-025',
    name: 'MobileNet v1 0.25 (Keras)',
    url: 'https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/model.json',
    format: 'layers',
    range: '-1-1',
    outputs: 1000,
    bytes: 1_902_176,
    bytesExact: true,
    publisher: 'Google (TensorFlow.js team)',
    page: 'https://github.com/tensorflow/tfjs-models/tree/master/mobilenet',
    licence: 'Apache-2.0',
  },
  {
    id: 'mobilenet-v1-025-hub',
    name: 'MobileNet v1 0.25 (TF-Hub)',
    url: 'https://tfhub.dev/google/tfjs-model/imagenet/mobilenet_v1_025_224/classification/3/default/1/model.json?tfjs-format=file',
    format: 'graph',
    range: '0-1',
    outputs: 1001,
    bytes: 1_875_348,
    bytesExact: true,
    publisher: 'Google (TF-Hub, now on Kaggle Models)',
    page: 'https://www.kaggle.com/models/google/mobilenet-v1',
    licence: 'Apache-2.0',
  },
  {
    id: 'mobilenet-v1-100',
    name: 'MobileNet v1 1.0 (Keras)',
    url: 'https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_1.0_224/model.json',
    format: 'layers',
    range: '-1-1',
    outputs: 1000,
    bytes: 4_253_864 * 4,
    bytesExact: false,
    publisher: 'Google (TensorFlow.js team)',
    page: 'https://github.com/tensorflow/tfjs-models/tree/master/mobilenet',
    licence: 'Apache-2.0',
  },
  {
    id: 'mobilenet-v2-100-hub',
    name: 'MobileNet v2 1.0 (TF-Hub)',
    url: 'https://tfhub.dev/google/tfjs-model/imagenet/mobilenet_v2_100_224/classification/3/default/1/model.json?tfjs-format=file',
    format: 'graph',
    range: '0-1',
    outputs: 1001,
    bytes: 3_538_984 * 4,
    bytesExact: false,
    publisher: 'Google (TF-Hub, now on Kaggle Models)',
    page: 'https://www.kaggle.com/models/google/mobilenet-v2',
    licence: 'Apache-2.0',
  },
];

/** The names for a gallery model's outputs from the 1,000 ImageNet names. */
export function galleryClassNames(model: GalleryModel, imagenet: readonly string[]): string[] {
  if (imagenet.length !== 1000) {
    throw new Error(`the ImageNet class list has ${imagenet.length} names, not 1000`);
  }
  return model.outputs === 1001 ? ['background', ...imagenet] : [...imagenet];
}

/** ImageNet's first class, after an optional 'background': how an ImageNet model is known. */
const FIRST_IMAGENET_CLASS = 'tench, Tinca tinca';

/** Whether a model classifies into ImageNet's classes (the image panel then reads as Fig. 1). */
export function isImageNetModel(m: { dataset: string; classNames: readonly string[] }): boolean {
  if (m.dataset === 'imagenet') return true;
  const n = m.classNames.length;
  const first = m.classNames[n === 1001 ? 1 : 0];
  return (n === 1000 || n === 1001) && first === FIRST_IMAGENET_CLASS;
}
