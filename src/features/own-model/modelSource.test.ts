/** The dialog's first step names a model by its own name or its file, not by its folder. */
import { describe, expect, it } from 'vitest';
import { inspectModelFiles, inspectModelUrl } from './modelSource';

const keras = (name: string) =>
  JSON.stringify({
    modelTopology: {
      model_config: {
        class_name: 'Sequential',
        config: {
          name,
          layers: [{ class_name: 'Dense', config: { name: 'd', batch_input_shape: [null, 4] } }],
        },
      },
    },
    weightsManifest: [{ paths: ['w.bin'], weights: [] }],
  });

const serve = (name: string) => () => Promise.resolve(new Response(keras(name)));

describe('own model names in the dialog', () => {
  it('two models from one folder get different names', async () => {
    const a = await inspectModelUrl('https://x.org/faces/emotion.json', serve('sequential_1'));
    const b = await inspectModelUrl('https://x.org/faces/gender.json', serve('sequential_1'));
    expect([a.name, b.name]).toEqual(['emotion', 'gender']);
  });

  it('a dropped model.json is named by its folder or weight files when it has no name', async () => {
    const file = new File([keras('sequential')], 'model.json');
    const weights = new File([new Uint8Array(0)], 'w.bin');
    expect((await inspectModelFiles([file, weights])).name).toBe('model');
    const named = new File([keras('emotion_cnn')], 'model.json');
    expect((await inspectModelFiles([named, weights])).name).toBe('emotion_cnn');
  });
});
