import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Maxout } from '../../src/engine/layers/maxout';
import {
  describeWeights,
  loadModelFromDir,
  MODEL_JSON,
  saveModel,
  WEIGHTS_FILE,
} from './modelFiles';

let root = '';
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'model-files-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function smallModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(new Maxout({ units: 3, pieces: 2, seed: 1, inputShape: [4] }));
  model.add(
    tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
  );
  return model;
}

describe('model files', () => {
  it('saves model.json + one weights file and loads the same function back', async () => {
    const model = smallModel();
    const dir = join(root, 'm1');
    await saveModel(model, dir);
    const json = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0]?.paths).toEqual([WEIGHTS_FILE]);
    const loaded = await loadModelFromDir(dir);
    const x = tf.randomUniform([5, 4], 0, 1, 'float32', 3);
    const want = await (model.apply(x) as tf.Tensor).data();
    const got = await (loaded.apply(x) as tf.Tensor).data();
    expect(Array.from(got)).toEqual(Array.from(want));
  });

  it('describes weights with their size and SHA-256, paths relative to the models root', async () => {
    const dir = join(root, 'm2');
    await saveModel(smallModel(), dir);
    const bytes = await readFile(join(dir, WEIGHTS_FILE));
    const [file] = await describeWeights(dir, root);
    expect(file).toEqual({
      path: `m2/${WEIGHTS_FILE}`,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    // 4x6 + 6 maxout, 3x2 + 2 dense, float32
    expect(bytes.length).toBe((24 + 6 + 6 + 2) * 4);
  });

  it('fails clearly on a file that is not a layers model.json', async () => {
    const dir = join(root, 'bad');
    await saveModel(smallModel(), dir);
    await writeFile(join(dir, MODEL_JSON), JSON.stringify({ hello: 1 }));
    await expect(loadModelFromDir(dir)).rejects.toThrow(/not a tfjs layers model.json/);
  });
});
