/**
 * The client against the real engine (worker/engine.ts on the core ops, tfjs in this process)
 * behind a comlink channel: backend choice, loading a model over HTTP, results that cross the
 * boundary intact, typed errors from the real validation, cancellation of a real cross-section,
 * and no tensors left behind by any of it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as tf from '@tensorflow/tfjs';
import { expose } from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageData01 } from './api';
import type { ModelManifest } from '../models/manifest';
import { EngineCallError } from './clientApi';
import { createEngineClient, type EngineBridge } from './client';
import { installEngineErrorTransfer } from './protocol';
import { createEngine } from './worker/engine';
import { InProcessWorker } from './worker/inProcessWorker';

const CLASSES = 10;
const PIXELS = 784;

/** A linear softmax model z = W^T x + b with seeded weights, served as model.json + weights.bin. */
let kernel: Float32Array; // [784, 10] row-major
let bias: Float32Array;
let server: Server;
let baseUrl: string;
let client: EngineBridge;

const manifest: ModelManifest = {
  id: 'linear',
  title: 'linear softmax',
  dataset: 'mnist',
  classNames: Array.from({ length: CLASSES }, (_, i) => String(i)),
  inputShape: [28, 28, 1],
  modelInputShape: [PIXELS],
  preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
  output: 'logits',
  format: 'layers',
  url: 'linear/model.json',
  architecture: 'dense 784 -> 10',
};

function testImage(seed: number): ImageData01 {
  const data = new Float32Array(PIXELS);
  for (let i = 0; i < PIXELS; i++) data[i] = ((i * 37 + seed * 101) % 97) / 96;
  return { data, height: 28, width: 28, channels: 1 };
}

/** z_k = sum_i x_i W_ik + b_k, in float64. */
function linearLogits(x: Float32Array): number[] {
  return Array.from({ length: CLASSES }, (_, k) => {
    let z = bias[k] as number;
    for (let i = 0; i < PIXELS; i++) z += (x[i] as number) * (kernel[i * CLASSES + k] as number);
    return z;
  });
}

async function rejection(promise: Promise<unknown>): Promise<EngineCallError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(EngineCallError);
    return e as EngineCallError;
  }
  throw new Error('expected the call to reject');
}

beforeAll(async () => {
  installEngineErrorTransfer();
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [PIXELS],
        units: CLASSES,
        kernelInitializer: tf.initializers.randomNormal({ stddev: 0.05, seed: 7 }),
        biasInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: 8 }),
      }),
    ],
  });
  kernel = (await model.getWeights()[0]?.data()) as Float32Array;
  bias = (await model.getWeights()[1]?.data()) as Float32Array;
  let files: Record<string, Uint8Array | string> = {};
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(artifacts.weightData as ArrayBuffer);
      files = {
        '/models/linear/model.json': JSON.stringify({
          modelTopology: artifacts.modelTopology,
          format: artifacts.format,
          weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
        }),
        '/models/linear/weights.bin': weights,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  server = createServer((req, res) => {
    const body = files[req.url ?? ''];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/models/`;
  client = createEngineClient({
    liveness: false,
    workerFactory: () => new InProcessWorker((port) => expose(createEngine(), port)).asWorker(),
  });
});

afterAll(async () => {
  client.dispose();
  await new Promise((resolve) => server.close(resolve));
});

describe('client + real engine', () => {
  it('chooses a backend and says why the others are out', async () => {
    const info = await client.init('auto');
    // Node has no GPU backends: wasm has no rival worth timing (cpu never beats it)
    expect(info.chosenBy).toBe('elimination');
    expect(info.active).toBe('wasm');
    const byName = Object.fromEntries(info.candidates.map((c) => [c.name, c]));
    expect(byName['webgl']).toMatchObject({
      available: false,
      reason: expect.stringContaining('OffscreenCanvas'),
    });
    expect(byName['cpu']).toMatchObject({
      available: true,
      note: expect.stringMatching(/not timed/),
    });
    expect(info.candidates.filter((c) => c.probeMs !== undefined)).toEqual([]);
    expect(info.machine).toEqual(expect.any(String));
    expect(info.choiceMs).toBeGreaterThan(0);
  });

  it('loads a model over HTTP and predicts z = W^T x + b through the boundary', async () => {
    const loaded = await client.loadModel(manifest, baseUrl);
    expect(loaded).toMatchObject({
      id: 'linear',
      numClasses: 10,
      parameterCount: PIXELS * CLASSES + CLASSES,
    });
    const images = [testImage(1), testImage(2)];
    const { result } = await client.predict('linear', images);
    images.forEach((image, n) => {
      const expected = linearLogits(image.data);
      const got = Array.from((result[n] as { logits: Float32Array }).logits);
      got.forEach((z, k) => expect(z).toBeCloseTo(expected[k] as number, 4));
    });
  });

  it('runs FGSM through the bridge: |x_adv - x| <= eps and the image stays in [0, 1]', async () => {
    const image = testImage(3);
    const eps = 0.1;
    const { result, ms, backend } = await client.attack('linear', image, {
      mode: 'fgsm',
      eps,
      labelSource: 'predicted',
    });
    expect(ms).toBeGreaterThan(0);
    expect(backend).toBe(client.backendInfo()?.active);
    expect(result.linfNorm).toBeLessThanOrEqual(eps + 1e-6);
    result.adversarial.data.forEach((v, i) => {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(Math.abs(v - (image.data[i] as number))).toBeLessThanOrEqual(eps + 1e-6);
    });
    expect(client.lastTiming()).toEqual({ operation: 'attack', ms, backend });
  });

  it('returns the typed errors of the real engine, and keeps working after them', async () => {
    const image = testImage(4);
    const bad = await rejection(
      client.attack('linear', image, { mode: 'fgsm', eps: Number.NaN, labelSource: 'predicted' }),
    );
    expect(bad.code).toBe('invalid-argument');
    const missing = await rejection(
      client.attack('nope', image, { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' }),
    );
    expect(missing.code).toBe('model-not-loaded');
    const wrongShape = { ...image, data: new Float32Array(10), height: 2, width: 5 };
    expect((await rejection(client.predict('linear', [wrongShape]))).code).toBe('invalid-argument');
    const absent = await rejection(
      client.loadModel({ ...manifest, id: 'absent', url: 'absent/model.json' }, baseUrl),
    );
    expect(absent.code).toBe('model-load-failed');
    expect(absent.message).toContain('absent/model.json');
    await client.attack('linear', image, { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' });
  });

  it('stops a real cross-section when aborted, and the next call runs', async () => {
    const controller = new AbortController();
    let progressEvents = 0;
    const call = client.crossSection(
      'linear',
      testImage(5),
      { epsMax: 0.3, resolution: 256, labelSource: 'predicted' },
      {
        signal: controller.signal,
        onProgress: () => {
          progressEvents++;
          controller.abort();
        },
      },
    );
    expect((await rejection(call)).code).toBe('cancelled');
    expect(progressEvents).toBeGreaterThanOrEqual(1);
    const small = await client.crossSection('linear', testImage(5), {
      epsMax: 0.3,
      resolution: 8,
      labelSource: 'predicted',
    });
    expect(small.result.predictedClass).toHaveLength(64);
  });

  it('leaves no tensors behind after loads, operations, errors and cancellations', async () => {
    const before = await client.memory();
    const image = testImage(6);
    for (let i = 0; i < 5; i++) {
      await client.attack('linear', image, {
        mode: 'pgd',
        eps: 0.05,
        steps: 3,
        labelSource: 'predicted',
      });
      await client.sweep('linear', image, { epsMax: 0.2, points: 21, labelSource: 'predicted' });
      await rejection(client.sweep('linear', image, { epsMax: -1, labelSource: 'predicted' }));
      await client.firstLayerWeights('linear');
    }
    await client.loadModel({ ...manifest, id: 'linear-2' }, baseUrl);
    await client.unloadModel('linear-2');
    expect((await client.memory()).numTensors).toBe(before.numTensors);
  });
});
