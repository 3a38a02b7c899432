/**
 * How an own model's output is read (issue 14, finding 1): a converted classifier ending in
 * Softmax -> Identity gives probabilities, and the engine must show them as they are (p, not
 * softmax(p)) and attack log p through the logits below the Softmax. Each head a real converted
 * model ends in is a fixture (ownModelGraphFixtures): the probabilities the engine reports must
 * equal the model's own output, run here with tfjs directly.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageData01 } from '../api';
import type { EngineApi } from '../operations';
import type { ModelManifest } from '../../models/manifest';
import type { OwnOutputChoice } from '../../models/ownModelOutput';
import { createEngine } from './engine';
import { fetchFromFiles, type ModelFiles } from './ownModelFixtures';
import { EMOTIONS, graphModelFiles, HAPPY, type GraphHead } from './ownModelGraphFixtures';

const BASE = 'http://models.test/g/';
let served: ModelFiles = {};
let engine: EngineApi;

beforeAll(async () => {
  engine = createEngine({ fetchOwnModelFile: (url) => fetchFromFiles(BASE, served)(url) });
  await engine.init({ backend: 'cpu' });
});

function manifest(id: string, outputChoice: OwnOutputChoice = 'auto'): ModelManifest {
  return {
    id,
    title: id,
    dataset: 'custom',
    classNames: [],
    inputShape: [4, 4, 1],
    modelInputShape: [4, 4, 1],
    preprocessing: { recipe: 'photo', colour: 'grey', range: '0-1' },
    output: 'logits',
    outputChoice,
    format: 'graph',
    url: `${BASE}model.json`,
    architecture: 'test',
  };
}

function face(seed: number): ImageData01 {
  const data = new Float32Array(16);
  for (let i = 0; i < 16; i++) data[i] = ((i * 13 + seed * 5) % 17) / 16;
  return { data, height: 4, width: 4, channels: 1 };
}

/** The fixture's own output for `x`, by tfjs directly (what the model itself says). */
async function ownOutput(head: GraphHead, x: ImageData01): Promise<number[]> {
  const files = graphModelFiles(head);
  const json = JSON.parse(new TextDecoder().decode(files['model.json'])) as {
    modelTopology: tf.io.ModelArtifacts['modelTopology'];
    weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
  };
  const bytes = files['group1-shard1of1.bin'] as Uint8Array;
  const model = await tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0]?.weights ?? [],
      weightData: bytes.slice().buffer,
    }),
  );
  const out = tf.tidy(() => model.execute(tf.tensor4d(x.data, [1, 4, 4, 1])) as tf.Tensor);
  const values = Array.from(await out.data());
  out.dispose();
  model.dispose();
  return values;
}

async function load(head: GraphHead, id: string, choice: OwnOutputChoice = 'auto') {
  served = graphModelFiles(head);
  return engine.loadModel(manifest(id, choice), '');
}

describe('own GraphModel: the output kind is found and the probabilities are the model’s own', () => {
  it.each(['softmax-identity', 'softmax-reshape'] as const)(
    '%s: probabilities shown as they are; the logits below the Softmax are attacked',
    async (head) => {
      const info = await load(head, `own-${head}`);
      expect(info.numClasses).toBe(EMOTIONS.length);
      const x = face(1);
      const { result } = await engine.predict(`own-${head}`, [x]);
      const own = await ownOutput(head, x);
      // "happy ≈ 1.00", not softmax(p) = e / (e + 6) = 31.2%
      expect(own[HAPPY]).toBeGreaterThan(0.99);
      result[0]?.probabilities.forEach((p, k) => expect(p).toBeCloseTo(own[k] ?? NaN, 5));
      expect(info.outputReport?.kind).toBe('probabilities');
      expect(info.outputReport?.how).toMatch(/Softmax/);
      expect(result[0]?.predictedClass).toBe(HAPPY);
      const attack = await engine.attack(`own-${head}`, x, {
        mode: 'fgsm',
        eps: 0.1,
        labelSource: 'predicted',
      });
      // the attack pushes p(happy) down: a real gradient through the logits
      expect(attack.result.attacked.probabilities[HAPPY] ?? 1).toBeLessThan(own[HAPPY] ?? 0);
    },
  );

  it('probabilities made without a Softmax op are recognised from the numbers (rows sum to 1)', async () => {
    const info = await load('softmax-by-hand', 'own-by-hand');
    expect(info.outputReport?.kind).toBe('probabilities');
    expect(info.outputReport?.how).toMatch(/sums? to 1/);
    const x = face(2);
    const { result } = await engine.predict('own-by-hand', [x]);
    const own = await ownOutput('softmax-by-hand', x);
    result[0]?.probabilities.forEach((p, k) => expect(p).toBeCloseTo(own[k] ?? NaN, 5));
  });

  it('logits stay logits: probabilities are their softmax', async () => {
    const info = await load('logits', 'own-logits');
    expect(info.outputReport?.kind).toBe('logits');
    const x = face(3);
    const { result } = await engine.predict('own-logits', [x]);
    const z = await ownOutput('logits', x);
    const e = z.map((v) => Math.exp(v - Math.max(...z)));
    const sum = e.reduce((a, b) => a + b);
    result[0]?.probabilities.forEach((p, k) => expect(p).toBeCloseTo((e[k] ?? NaN) / sum, 5));
  });

  it('one sigmoid unit is two classes [1 − p, p]', async () => {
    const info = await load('sigmoid', 'own-sigmoid');
    expect(info.outputReport?.kind).toBe('sigmoid');
    expect(info.numClasses).toBe(2);
    const x = face(4);
    const { result } = await engine.predict('own-sigmoid', [x]);
    const [p] = await ownOutput('sigmoid', x);
    expect(result[0]?.probabilities[1]).toBeCloseTo(p ?? NaN, 5);
    expect(result[0]?.probabilities[0]).toBeCloseTo(1 - (p ?? NaN), 5);
  });

  it('the user’s choice overrides the detection', async () => {
    const asLogits = await load('softmax-identity', 'own-forced-logits', 'logits');
    expect(asLogits.outputReport).toMatchObject({ kind: 'logits', choice: 'logits' });
    const x = face(5);
    const own = await ownOutput('softmax-identity', x);
    const { result } = await engine.predict('own-forced-logits', [x]);
    // read as logits, the shown probabilities are softmax(p): what the user asked for
    expect(result[0]?.logits[HAPPY]).toBeCloseTo(own[HAPPY] ?? NaN, 5);

    const asProbs = await load('softmax-by-hand', 'own-forced-probs', 'probabilities');
    expect(asProbs.outputReport).toMatchObject({ kind: 'probabilities', choice: 'probabilities' });
    await expect(load('logits', 'own-forced-sigmoid', 'sigmoid')).rejects.toThrow(
      /one sigmoid.*7 outputs/,
    );
  });
});

describe('own LayersModel output kinds', () => {
  it('a one-unit Dense with sigmoid inside is read as one sigmoid (its pre-activation attacked)', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({
          inputShape: [16],
          units: 1,
          activation: 'sigmoid',
          kernelInitializer: tf.initializers.randomUniform({ seed: 3 }),
        }),
      ],
    });
    let files: ModelFiles = {};
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        const json = {
          modelTopology: a.modelTopology,
          weightsManifest: [{ paths: ['w.bin'], weights: a.weightSpecs }],
        };
        files = {
          'model.json': new TextEncoder().encode(JSON.stringify(json)),
          'w.bin': new Uint8Array((a.weightData as ArrayBuffer).slice(0)),
        };
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    served = files;
    const info = await engine.loadModel(
      { ...manifest('own-layers-sigmoid'), format: 'layers', modelInputShape: [16] },
      '',
    );
    expect(info.outputReport?.kind).toBe('sigmoid');
    expect(info.numClasses).toBe(2);
    const x = face(6);
    const { result } = await engine.predict('own-layers-sigmoid', [x]);
    const p = tf.tidy(() => (model.apply(tf.tensor2d(x.data, [1, 16])) as tf.Tensor).dataSync()[0]);
    model.dispose();
    expect(result[0]?.probabilities[1]).toBeCloseTo(p ?? NaN, 5);
  });
});
