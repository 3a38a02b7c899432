/**
 * The third-party MobileNet (../shared/models/mobilenet, never committed; skipped when absent)
 * as an own model: the LayersModel's probabilities come from a separate softmax below a
 * Reshape, so the engine must attack conv_preds (softmax of the engine's logits = the model's
 * own output); the TF-Hub GraphModel gives 1001 logits (background at 0).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageData01 } from '../api';
import type { EngineApi } from '../operations';
import type { ModelManifest } from '../../models/manifest';
import { createEngine } from './engine';

const DIR = resolve(__dirname, '../../../../shared/models/mobilenet');
const BASE = 'http://shared.test/mobilenet/';

function fileFetch(url: string): Promise<Response> {
  const path = resolve(DIR, url.slice(BASE.length));
  if (!url.startsWith(BASE) || !existsSync(path)) {
    return Promise.resolve(new Response('no', { status: 404 }));
  }
  return Promise.resolve(new Response(readFileSync(path)));
}

function manifest(
  id: string,
  format: 'layers' | 'graph',
  range: '0-1' | '-1-1',
  path: string,
): ModelManifest {
  return {
    id,
    title: id,
    dataset: 'custom',
    classNames: [],
    inputShape: [224, 224, 3],
    modelInputShape: [224, 224, 3],
    preprocessing: { recipe: 'photo', colour: 'rgb', range },
    output: 'logits',
    format,
    url: `${BASE}${path}`,
    architecture: 'MobileNet v1 0.25',
  };
}

function photo(): ImageData01 {
  const data = new Float32Array(224 * 224 * 3);
  for (let i = 0; i < data.length; i++) data[i] = 0.5 + 0.4 * Math.sin(i / 97);
  return { data, height: 224, width: 224, channels: 3 };
}

describe.skipIf(!existsSync(DIR))('MobileNet as an own model', () => {
  let engine: EngineApi;
  beforeAll(async () => {
    engine = createEngine({ fetchOwnModelFile: fileFetch });
    await engine.init({ backend: 'cpu' });
  });

  it('LayersModel: attacks conv_preds; softmax of its logits is the model output', async () => {
    const info = await engine.loadModel(
      manifest('own-mobilenet', 'layers', '-1-1', 'model.json'),
      '',
    );
    expect(info.numClasses).toBe(1000);
    expect(info.parameterCount).toBe(475_544);
    expect(info.notes.join(' ')).toMatch(/act_softmax/);
    const x = photo();
    const { result } = await engine.predict('own-mobilenet', [x]);
    const engineProbs = result[0]?.probabilities ?? new Float32Array();
    // the model's own output, straight from tfjs
    const json = JSON.parse(readFileSync(resolve(DIR, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    const reference = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
        weightData: Buffer.concat(
          json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(resolve(DIR, p)))),
        ).buffer as ArrayBuffer,
      }),
    );
    const own = tf.tidy(() => {
      const input = tf.tensor4d(x.data, [1, 224, 224, 3]).mul(2).sub(1);
      return (reference.apply(input, { training: false }) as tf.Tensor).dataSync();
    });
    reference.dispose();
    let maxDiff = 0;
    own.forEach((p, k) => (maxDiff = Math.max(maxDiff, Math.abs(p - (engineProbs[k] ?? NaN)))));
    expect(maxDiff).toBeLessThan(1e-4);
    const attack = await engine.attack('own-mobilenet', x, {
      mode: 'fgsm',
      eps: 0.01,
      labelSource: 'predicted',
    });
    expect(attack.result.linfNorm).toBeCloseTo(0.01, 5);
    await engine.unloadModel('own-mobilenet');
  });

  it('GraphModel: 1001 logits, a class-name list of 1000 is refused', async () => {
    const m = manifest('own-graph', 'graph', '0-1', 'graph_tfhub_v1_025/model.json');
    const before = (await engine.memory()).numTensors;
    await expect(
      engine.loadModel({ ...m, classNames: Array.from({ length: 1000 }, (_, i) => `c${i}`) }, ''),
    ).rejects.toThrow(/1000 names but the model has 1001 outputs/);
    expect((await engine.memory()).numTensors).toBe(before);
    const info = await engine.loadModel(m, '');
    expect(info.numClasses).toBe(1001);
    expect(info.notes.join(' ')).toMatch(/SpatialSqueeze/);
    const attack = await engine.attack('own-graph', photo(), {
      mode: 'fgsm',
      eps: 0.01,
      labelSource: 'predicted',
    });
    expect(attack.result.linfNorm).toBeCloseTo(0.01, 5);
    await engine.unloadModel('own-graph');
    expect((await engine.memory()).numTensors).toBe(before);
  });
});
