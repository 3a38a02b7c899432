/**
 * runExperiment through the client and a comlink channel into the real engine: the result is the
 * one the core runner gives in-process (the worker adds nothing but transport), progress arrives,
 * noise images cross as Float32Arrays, abort cancels inside the engine, and errors keep their code.
 */
import * as tf from '@tensorflow/tfjs';
import { expose } from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentSpec, Progress } from './api';
import { createEngineClient, type EngineBridge } from './client';
import { EngineCallError } from './clientApi';
import { classifierFromLayersModel } from './core/layersClassifier';
import { runExperiment } from './core/experiments';
import { mlpModel, testManifest, useCpuBackend } from './core/testFixtures';
import { seededRun, SHAPE } from './core/experiments/testing';
import { installEngineErrorTransfer } from './protocol';
import { createEngine } from './worker/engine';
import { InProcessWorker } from './worker/inProcessWorker';

const manifest = { ...testManifest(SHAPE, 3, 'logits', { id: 'mlp' }), url: 'mlp/model.json' };
const images = seededRun(120, 3, 2);
let client: EngineBridge;

beforeAll(async () => {
  await useCpuBackend();
  installEngineErrorTransfer();
  client = createEngineClient({
    liveness: false,
    baseUrl: 'http://localhost/',
    workerFactory: () =>
      new InProcessWorker((port) =>
        expose(createEngine({ loadLayersModel: async () => mlpModel(16, 12, 3, 5) }), port),
      ).asWorker(),
  });
  await client.init('cpu');
  await client.loadModel(manifest, 'http://localhost/models/');
});

afterAll(() => client.dispose());

describe('runExperiment through the client', () => {
  it('returns what the core runner returns in-process, with progress', async () => {
    const spec: ExperimentSpec = {
      kind: 'attack',
      models: ['mlp'],
      attack: { mode: 'random-sign' },
      eps: [0.1, 0.3],
      seed: 4,
      images,
    };
    const seen: Progress[] = [];
    const timed = await client.runExperiment(spec, { onProgress: (p) => seen.push(p) });
    const local = classifierFromLayersModel(mlpModel(16, 12, 3, 5), manifest);
    expect(timed.result).toEqual(await runExperiment(spec, () => local));
    expect(timed.backend).toBe('cpu');
    await expect.poll(() => seen.at(-1)?.done).toBe(seen.at(-1)?.total);
  });

  it('noise images cross the boundary as Float32Arrays', async () => {
    const timed = await client.runExperiment({
      kind: 'rubbish',
      models: ['mlp'],
      count: 30,
      seed: 1,
      top: 2,
    });
    if (timed.result.kind !== 'rubbish') throw new Error('wrong kind');
    expect(timed.result.rows[0]?.examples[0]?.image).toBeInstanceOf(Float32Array);
  });

  it('abort stops the run in the engine (code cancelled); bad specs keep invalid-argument', async () => {
    const abort = new AbortController();
    const call = client.runExperiment(
      {
        kind: 'attack',
        models: ['mlp'],
        attack: { mode: 'pgd', steps: 50 },
        eps: [0.1, 0.2, 0.3],
        seed: 0,
        images,
      },
      { signal: abort.signal, onProgress: () => abort.abort() },
    );
    await expect(call).rejects.toMatchObject({ code: 'cancelled' });
    const bad = client.runExperiment({
      kind: 'fooling',
      model: 'mlp',
      count: 1,
      steps: 1,
      eps: -1,
      seed: 0,
    });
    await expect(bad).rejects.toBeInstanceOf(EngineCallError);
    await expect(bad).rejects.toMatchObject({ code: 'invalid-argument' });
    const missing = client.runExperiment({ kind: 'rubbish', models: ['nope'], count: 1, seed: 0 });
    await expect(missing).rejects.toMatchObject({ code: 'model-not-loaded' });
    // nothing left behind in the (shared, in-process) engine once the runs settle
    const before = (await client.memory()).numTensors;
    await client.runExperiment({
      kind: 'shared',
      model: 'mlp',
      eps: 0.2,
      sources: 2,
      seed: 0,
      images,
    });
    expect((await client.memory()).numTensors).toBe(before);
    expect(tf.getBackend()).toBe('cpu');
  });
});
