/**
 * Own models through the real engine (tfjs cpu backend in this process): a good model whose
 * last Dense layer applies softmax is attacked through its pre-softmax logits (checked against
 * z = W^T h + b computed from its own weights), a separate softmax layer is found below a
 * Reshape, and every broken model is refused with its message, nothing leaks, and the engine
 * keeps working.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageData01 } from '../api';
import type { EngineApi } from '../operations';
import type { ModelManifest } from '../../models/manifest';
import { RBF } from '../layers/rbf';
import { registerCustomLayers } from '../layers/register';
import { createEngine } from './engine';
import {
  BAD_MODEL_KINDS,
  BAD_MODEL_MESSAGES,
  badModelFiles,
  fetchFromFiles,
  goodModelFiles,
  softmaxInsideModel,
  separateSoftmaxModel,
  type ModelFiles,
} from './ownModelFixtures';

const BASE = 'http://models.test/m/';

function manifestFor(id: string, extra: Partial<ModelManifest> = {}): ModelManifest {
  return {
    id,
    title: id,
    dataset: 'custom',
    classNames: [],
    inputShape: [8, 8, 3],
    modelInputShape: [8, 8, 3],
    preprocessing: { recipe: 'photo', colour: 'rgb', range: '0-1' },
    output: 'logits',
    format: 'layers',
    url: `${BASE}model.json`,
    architecture: 'test',
    ...extra,
  };
}

function image(seed: number, [h, w, c]: [number, number, number] = [8, 8, 3]): ImageData01 {
  const data = new Float32Array(h * w * c);
  for (let i = 0; i < data.length; i++) data[i] = ((i * 31 + seed * 17) % 101) / 100;
  return { data, height: h, width: w, channels: c };
}

let served: ModelFiles = {};
const asked: string[] = [];
let engine: EngineApi;

beforeAll(async () => {
  engine = createEngine({
    fetchOwnModelFile: (url) => fetchFromFiles(BASE, served, asked)(url),
  });
  await engine.init({ backend: 'cpu' });
});

describe('own model: softmax inside the last Dense layer', () => {
  it('attacks the pre-softmax logits z = W^T h + b, names classes 0..N-1', async () => {
    served = await goodModelFiles();
    const info = await engine.loadModel(manifestFor('own-good'), '');
    expect(info.numClasses).toBe(3);
    expect(info.notes.join(' ')).toMatch(/pre-softmax logits/);

    // the same model rebuilt here: logits = dense kernel/bias applied to the flattened conv output
    const reference = softmaxInsideModel();
    const x = image(3);
    const { result } = await engine.predict('own-good', [x]);
    const logits = result[0]?.logits ?? new Float32Array();
    const expected = tf.tidy(() => {
      const input = tf.tensor4d(x.data, [1, 8, 8, 3]);
      const hidden = (reference.layers[1] as tf.layers.Layer).apply(
        (reference.layers[0] as tf.layers.Layer).apply(input),
      ) as tf.Tensor;
      const [kernel, bias] = (reference.layers[2] as tf.layers.Layer).getWeights();
      return tf
        .add(tf.matMul(hidden, kernel as tf.Tensor2D), bias as tf.Tensor)
        .arraySync() as number[][];
    });
    reference.dispose();
    expect(Array.from(logits)).toHaveLength(3);
    logits.forEach((z, k) => expect(z).toBeCloseTo(expected[0]?.[k] ?? NaN, 4));
    // softmax of those logits is the model's own output
    const probs = result[0]?.probabilities ?? new Float32Array();
    const m = Math.max(...logits);
    const e = Array.from(logits, (z) => Math.exp(z - m));
    const s = e.reduce((a, b) => a + b);
    probs.forEach((p, k) => expect(p).toBeCloseTo((e[k] ?? NaN) / s, 5));

    const attack = await engine.attack('own-good', x, {
      mode: 'fgsm',
      eps: 0.05,
      labelSource: 'predicted',
    });
    expect(attack.result.linfNorm).toBeGreaterThan(0);
    expect(attack.result.linfNorm).toBeLessThanOrEqual(0.05 + 1e-6);
    const weights = await engine.firstLayerWeights('own-good');
    expect(weights.kind).toBe('conv');
  });

  it('refuses a class-name file whose count differs from the outputs', async () => {
    served = await goodModelFiles();
    await expect(
      engine.loadModel(manifestFor('own-names', { classNames: ['a', 'b'] }), ''),
    ).rejects.toThrow(/2 names but the model has 3 outputs/);
  });
});

describe('own model: separate softmax layer below a Reshape, flat input', () => {
  it('attacks the softmax layer input', async () => {
    const model = separateSoftmaxModel();
    let json = '';
    let weights = new Uint8Array();
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        json = JSON.stringify({
          modelTopology: a.modelTopology,
          weightsManifest: [{ paths: ['w.bin'], weights: a.weightSpecs }],
        });
        weights = new Uint8Array((a.weightData as ArrayBuffer).slice(0));
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    served = { 'model.json': new TextEncoder().encode(json), 'w.bin': weights };
    const info = await engine.loadModel(
      manifestFor('own-flat', {
        inputShape: [4, 4, 1],
        modelInputShape: [16],
        preprocessing: { recipe: 'photo', colour: 'grey', range: '-1-1' },
      }),
      '',
    );
    expect(info.notes.join(' ')).toMatch(/feed the softmax layer probs/);
    const x = image(5, [4, 4, 1]);
    const { result } = await engine.predict('own-flat', [x]);
    // logits of 'scores' at the model's range: input 2x - 1
    const expected = tf.tidy(() => {
      const input = tf.tensor2d(x.data, [1, 16]).mul(2).sub(1);
      return (model.getLayer('scores').apply(input) as tf.Tensor).arraySync() as number[][];
    });
    model.dispose();
    result[0]?.logits.forEach((z, k) => expect(z).toBeCloseTo(expected[0]?.[k] ?? NaN, 4));
  });
});

describe('own model ending in an RBF layer', () => {
  it("is read as 'rbf': probabilities exp(s), not normalised; unloading frees it all", async () => {
    registerCustomLayers();
    const before = await engine.memory();
    const model = tf.sequential({
      layers: [new RBF({ units: 3, name: 'rbf', inputShape: [16], betaInit: 0.02, seed: 4 })],
    });
    let json = '';
    let weights = new Uint8Array();
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        json = JSON.stringify({
          modelTopology: a.modelTopology,
          weightsManifest: [{ paths: ['w.bin'], weights: a.weightSpecs }],
        });
        weights = new Uint8Array((a.weightData as ArrayBuffer).slice(0));
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    model.dispose();
    served = { 'model.json': new TextEncoder().encode(json), 'w.bin': weights };
    const info = await engine.loadModel(
      manifestFor('own-rbf', {
        inputShape: [4, 4, 1],
        modelInputShape: [16],
        preprocessing: { recipe: 'photo', colour: 'grey', range: '0-1' },
      }),
      '',
    );
    expect(info.output).toBe('rbf');
    expect(info.notes.join(' ')).toMatch(/exp\(s\), unnormalised/);
    const { result } = await engine.predict('own-rbf', [image(6, [4, 4, 1])]);
    const p = result[0];
    p?.logits.forEach((s, k) => expect(p.probabilities[k]).toBeCloseTo(Math.exp(s), 5));
    // small precisions keep every s near 0: three probabilities near 1, not a softmax
    expect(Array.from(p?.probabilities ?? []).reduce((a, b) => a + b, 0)).toBeGreaterThan(2);
    await engine.unloadModel('own-rbf');
    // beta's non-negativity constraint once left a projected copy behind (core/modelLoading.ts)
    expect(await engine.memory()).toEqual(before);
  });
});

describe('own model: every broken model is refused, nothing leaks, the engine lives on', () => {
  it.each(BAD_MODEL_KINDS)('%s', async (kind) => {
    served = await badModelFiles(kind);
    asked.length = 0;
    const before = (await engine.memory()).numTensors;
    await expect(engine.loadModel(manifestFor(`own-bad-${kind}`), '')).rejects.toThrow(
      BAD_MODEL_MESSAGES[kind],
    );
    expect((await engine.memory()).numTensors).toBe(before);
    if (kind === 'too-big') expect(asked).toEqual([`${BASE}model.json`]);
    // the engine still answers for a model loaded before
    served = await goodModelFiles();
    await engine.loadModel(manifestFor('own-good'), '');
    const { result } = await engine.predict('own-good', [image(1)]);
    expect(result).toHaveLength(1);
  });

  it('a refused connection and a 404 model.json say so', async () => {
    const refusing = createEngine({
      fetchOwnModelFile: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await refusing.init({ backend: 'cpu' });
    await expect(refusing.loadModel(manifestFor('own-refused'), '')).rejects.toThrow(
      /could not connect to http:\/\/models\.test\/m\/model\.json/,
    );
    served = {};
    await expect(engine.loadModel(manifestFor('own-404'), '')).rejects.toThrow(
      /HTTP 404 for model\.json/,
    );
  });

  it('unloading a model frees all its tensors (the linear copy of the softmax layer too)', async () => {
    await engine.unloadModel('own-good');
    const before = (await engine.memory()).numTensors;
    served = await goodModelFiles();
    await engine.loadModel(manifestFor('own-good'), '');
    await engine.unloadModel('own-good');
    expect((await engine.memory()).numTensors).toBe(before);
  });
});

describe('own models and the engine peers', () => {
  it('peers start at the first map, then get the loaded models in order; a refused one never', async () => {
    const calls: string[] = [];
    const peers = {
      plannedFor: (backend: string) => (backend === 'cpu' ? 2 : 0),
      start: (backend: string) => void calls.push(`start ${backend}`),
      load: (m: ModelManifest) => void calls.push(`load ${m.id}`),
      unload: (id: string) => void calls.push(`unload ${id}`),
      sharesFor: () => undefined,
      sharesAny: () => undefined,
      memory: async () => [],
    };
    const withPeers = createEngine({
      fetchOwnModelFile: (url) => fetchFromFiles(BASE, served, asked)(url),
      peers,
    });
    expect((await withPeers.init({ backend: 'cpu' })).peers).toBe(2);
    served = await goodModelFiles();
    const info = await withPeers.loadModel(manifestFor('own-shared'), '');
    expect(info.parameterCount).toBeGreaterThan(0);
    served = await badModelFiles('missing-weights');
    await expect(withPeers.loadModel(manifestFor('own-refused-peer'), '')).rejects.toThrow();
    // nothing started yet: a page that never maps spends nothing on peers
    expect(calls).toEqual([]);
    await withPeers.crossSection(
      'own-shared',
      image(2),
      { epsMax: 0.1, resolution: 8, labelSource: 'predicted' },
      1,
    );
    expect(calls).toEqual(['start cpu', 'load own-shared']);
    await withPeers.unloadModel('own-shared');
    expect(calls).toEqual(['start cpu', 'load own-shared', 'unload own-shared']);
  });
});
