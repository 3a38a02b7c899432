/**
 * Loading the same model again, as the app does on every model switch, must not keep copies of
 * its weights: the real engine loads models with constrained weights (Maxout's max-norm, RBF's
 * non-negativity) and ensembles of them over HTTP, again and again, and its tensor count and
 * bytes stay where the first load left them; unloading returns to the count before it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as tf from '@tensorflow/tfjs';
import { expose } from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../operations';
import type { ModelManifest } from '../../models/manifest';
import { seededImage, testManifest, useCpuBackend } from '../core/testFixtures';
import { installEngineErrorTransfer } from '../protocol';
import { Maxout, RBF, registerCustomLayers } from '../layers/register';
import { createEngine } from './engine';
import { InProcessWorker } from './inProcessWorker';
import { PeerPool } from './peerPool';

const SHAPE: [number, number, number] = [4, 4, 1];
const INPUT = 16;
const CLASSES = 3;

let server: Server;
let baseUrl: string;
const files = new Map<string, Uint8Array | string>();

function maxoutNet(seed: number): tf.LayersModel {
  return tf.sequential({
    layers: [
      new Maxout({ inputShape: [INPUT], units: 6, pieces: 3, seed, maxNorm: 1.5 }),
      new Maxout({ units: 5, pieces: 2, seed: seed + 1, maxNorm: 1.5 }),
      tf.layers.dense({ units: CLASSES }),
    ],
  });
}

function rbfNet(): tf.LayersModel {
  return tf.sequential({ layers: [new RBF({ inputShape: [INPUT], units: CLASSES, seed: 4 })] });
}

/** Saves `model` as <id>/model.json + <id>/weights.bin for the server, then frees it. */
async function publish(id: string, model: tf.LayersModel): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      files.set(
        `/models/${id}/model.json`,
        JSON.stringify({
          modelTopology: artifacts.modelTopology,
          format: artifacts.format,
          weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
        }),
      );
      files.set(`/models/${id}/weights.bin`, new Uint8Array(artifacts.weightData as ArrayBuffer));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
}

const manifests: ModelManifest[] = [
  testManifest(SHAPE, CLASSES, 'logits', { id: 'maxout-a', url: 'maxout-a/model.json' }),
  testManifest(SHAPE, CLASSES, 'logits', { id: 'maxout-b', url: 'maxout-b/model.json' }),
  testManifest(SHAPE, CLASSES, 'logits', { id: 'ensemble', members: ['maxout-a', 'maxout-b'] }),
  testManifest(SHAPE, CLASSES, 'rbf', { id: 'rbf', url: 'rbf/model.json' }),
];

async function loadAll(engine: EngineApi): Promise<void> {
  for (const manifest of manifests) await engine.loadModel(manifest, baseUrl);
}

beforeAll(async () => {
  installEngineErrorTransfer();
  await useCpuBackend();
  registerCustomLayers();
  await publish('maxout-a', maxoutNet(1));
  await publish('maxout-b', maxoutNet(7));
  await publish('rbf', rbfNet());
  server = createServer((req, res) => {
    const body = files.get(req.url ?? '');
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/models/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('reloading models', () => {
  it('keeps the tensor count and bytes of the first load, and unloading frees everything', async () => {
    const engine = createEngine();
    await engine.init({ backend: 'cpu' });
    const empty = await engine.memory();
    await loadAll(engine);
    const first = await engine.memory();
    // the weights of the three networks: 2 x (2 maxout kernels + 2 biases + dense 2) + RBF's 2
    expect(first.numTensors - empty.numTensors).toBe(14);
    for (let i = 0; i < 5; i++) await loadAll(engine);
    expect(await engine.memory()).toEqual(first);
    for (const { id } of manifests) await engine.unloadModel(id);
    expect(await engine.memory()).toEqual(empty);
  });

  it('the peers reload them too without keeping copies, and report their memory', async () => {
    const pool = new PeerPool({
      size: 2,
      spawn: () => new InProcessWorker((port) => expose(createEngine(), port)).asWorker(),
    });
    const engine = createEngine({ peers: pool });
    await engine.init({ backend: 'cpu' });
    expect(await engine.memory({ peers: true })).toMatchObject({ peers: [] });
    await loadAll(engine);
    // the first map starts the peers, which then load what the engine holds
    await engine.crossSection(
      'maxout-a',
      seededImage(SHAPE, 1),
      {
        epsMax: 0.2,
        resolution: 8,
        labelSource: 'predicted',
      },
      1,
    );
    const first = await engine.memory({ peers: true });
    expect(first.peers).toHaveLength(2);
    // in this process the peers share tfjs with the engine: all three report the same figures,
    // so a copy kept by any of them shows in all
    for (const peer of first.peers ?? [])
      expect(peer).toEqual({ numTensors: first.numTensors, numBytes: first.numBytes });
    for (let i = 0; i < 3; i++) await loadAll(engine);
    expect(await engine.memory({ peers: true })).toEqual(first);
    pool.stop();
  });
});
