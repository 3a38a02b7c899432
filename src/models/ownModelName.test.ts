import { describe, expect, it } from 'vitest';
import { nameFromFile, nameFromUrl, uniqueName } from './ownModelName';

describe('own model names (issue 14, finding 3)', () => {
  it('the model’s own name wins when it is meaningful', () => {
    expect(nameFromUrl('https://x.org/a/model.json', 'mobilenet_0.25_224')).toBe('mobilenet_0.25_224');
    // Keras' default names say nothing
    expect(nameFromUrl('https://x.org/faces/model.json', 'sequential_3')).toBe('faces');
    expect(nameFromUrl('https://x.org/faces/model.json', 'model')).toBe('faces');
  });

  it('two models in one folder get their file names, not the folder twice', () => {
    expect(nameFromUrl('https://x.org/faces/emotion.json')).toBe('emotion');
    expect(nameFromUrl('https://x.org/faces/gender-model.json')).toBe('gender-model');
  });

  it('generic folders and version numbers are skipped', () => {
    expect(nameFromUrl('https://x.org/emotion/tfjs_model/model.json')).toBe('emotion');
    expect(nameFromUrl('https://x.org/emotion/web_model/v2/model.json')).toBe('emotion');
    expect(
      nameFromUrl(
        'https://tfhub.dev/google/tfjs-model/imagenet/mobilenet_v2_100_224/classification/3/default/1/model.json?tfjs-format=file',
      ),
    ).toBe('mobilenet_v2_100_224');
    expect(
      nameFromUrl(
        'https://www.kaggle.com/models/google/mobilenet-v2/tfJs/100-224-classification/3/model.json?tfjs-format=file',
      ),
    ).toBe('mobilenet-v2 100-224-classification');
    expect(nameFromUrl('https://x.org/model.json')).toBe('x.org');
  });

  it('dropped files: the model file’s name, else its folder, else the weight files’ stem', () => {
    expect(nameFromFile('emotion_model.json', '', [])).toBe('emotion_model');
    expect(nameFromFile('model.json', 'faces/model.json', [])).toBe('faces');
    expect(nameFromFile('model.json', '', ['fer2013-shard1of2.bin', 'fer2013-shard2of2.bin'])).toBe('fer2013');
    expect(nameFromFile('model.json', '', ['group1-shard1of1.bin'])).toBe('model');
  });

  it('names are unique in the session', () => {
    expect(uniqueName('faces', [])).toBe('faces');
    expect(uniqueName('faces', ['faces'])).toBe('faces (2)');
    expect(uniqueName('faces', ['faces', 'faces (2)'])).toBe('faces (3)');
    expect(uniqueName('  ', ['model'])).toBe('model (2)');
  });
});
