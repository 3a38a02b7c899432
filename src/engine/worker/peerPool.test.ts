/**
 * The peer pool against real peer engines (engine.ts in this process, behind comlink channels):
 * peers start on CPU backends only, load the models in the engine's order, take shares of a map
 * with the same numbers bit for bit, and a peer that fails or stalls is dropped without losing
 * the map.
 */
import { expose } from 'comlink';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierFromLayersModel, crossSectionImage, type Classifier } from '../core';
import { runExperiment } from '../core/experiments';
import { seededValues } from '../core/testFixtures';
import { mlpModel, seededImage, testManifest, useCpuBackend } from '../core/testFixtures';
import { installEngineErrorTransfer } from '../protocol';
import { createEngine } from './engine';
import { InProcessWorker } from './inProcessWorker';
import { peerAttackShares, peerCells, PeerPool } from './peerPool';

const SHAPE: [number, number, number] = [8, 8, 1];
const manifest = testManifest(SHAPE, 10);
const image = seededImage(SHAPE, 7);
const params = { epsMax: 0.4, resolution: 16, labelSource: 'predicted' as const, seed: 3 };
let local: Classifier;

/** A peer engine in this process; `loads` counts the model files it fetched. */
function peerWorker(log: string[]): InProcessWorker {
  return new InProcessWorker((port) =>
    expose(
      createEngine({
        loadLayersModel: async (url) => {
          log.push(url);
          return mlpModel(64, 32, 10, 3);
        },
      }),
      port,
    ),
  );
}

beforeAll(async () => {
  installEngineErrorTransfer();
  await useCpuBackend();
  local = classifierFromLayersModel(mlpModel(64, 32, 10, 3), manifest);
});

describe('PeerPool', () => {
  it('on a CPU backend: peers load the model and share the map, same numbers bit for bit', async () => {
    const log: string[] = [];
    const pool = new PeerPool({ size: 2, spawn: () => peerWorker(log).asWorker() });
    pool.start('cpu');
    expect(pool.size).toBe(2);
    expect(peerCells(pool, manifest.id)).toBeUndefined();
    pool.load(manifest, 'http://models.test/');
    await pool.whenSettled();
    expect(log).toEqual([
      'http://models.test/test/model.json',
      'http://models.test/test/model.json',
    ]);
    const remote = peerCells(pool, manifest.id);
    expect(remote?.ways).toBe(3);
    const alone = await crossSectionImage(local, image, params);
    const shared = await crossSectionImage(local, image, params, {
      ...(remote ? { peers: remote } : {}),
      chunkSize: 64,
    });
    expect(Array.from(shared.predictedClass)).toEqual(Array.from(alone.predictedClass));
    expect(Array.from(shared.confidence)).toEqual(Array.from(alone.confidence));
    // and a test-set attack: the same rows with the peers' shares
    const count = 96;
    const images = {
      data: seededValues(count * 64, 11, 0, 1),
      labels: Int32Array.from({ length: count }, (_, i) => (i * 7) % 10),
      count,
      shape: SHAPE,
    };
    const spec = {
      kind: 'attack' as const,
      models: [manifest.id],
      attack: { mode: 'fgsm' as const },
      eps: [0.05, 0.2],
      images,
      seed: 4,
    };
    const classifierOf = () => local;
    expect(peerAttackShares(pool, manifest.id)?.ways).toBe(3);
    const attackedAlone = await runExperiment(spec, classifierOf, { chunkSize: 48 });
    const attackedShared = await runExperiment(spec, classifierOf, {
      chunkSize: 48,
      peersFor: (id) => peerAttackShares(pool, id),
    });
    expect(attackedShared).toEqual(attackedAlone);
    pool.unload(manifest.id);
    expect(peerCells(pool, manifest.id)).toBeUndefined();
    pool.stop();
    expect(pool.size).toBe(0);
  });

  it('starts no peers on a GPU backend, and none when the worker cannot be made', () => {
    const gpu = new PeerPool({ size: 2, spawn: () => peerWorker([]).asWorker() });
    gpu.start('webgpu');
    expect(gpu.size).toBe(0);
    const refused = new PeerPool({
      size: 2,
      spawn: () => {
        throw new DOMException('cross-origin worker script', 'SecurityError');
      },
    });
    refused.start('wasm');
    expect(refused.size).toBe(0);
    expect(peerCells(refused, manifest.id)).toBeUndefined();
  });

  it('a peer that fails or stalls is dropped; its share is computed by the engine', async () => {
    const workers: InProcessWorker[] = [];
    const pool = new PeerPool({
      size: 2,
      timeoutMs: 300,
      spawn: () => {
        const worker = peerWorker([]);
        workers.push(worker);
        return worker.asWorker();
      },
    });
    pool.start('cpu');
    pool.load(manifest, 'http://models.test/');
    await pool.whenSettled();
    const remote = peerCells(pool, manifest.id);
    expect(remote?.ways).toBe(3);
    workers[0]?.fail('out of memory');
    workers[1]?.hang();
    expect(pool.size).toBe(1);
    const alone = await crossSectionImage(local, image, params);
    const shared = await crossSectionImage(local, image, params, {
      ...(remote ? { peers: remote } : {}),
      chunkSize: 64,
    });
    expect(Array.from(shared.predictedClass)).toEqual(Array.from(alone.predictedClass));
    // the stalled peer timed out and is gone too
    expect(pool.size).toBe(0);
    expect(peerCells(pool, manifest.id)).toBeUndefined();
  });
});
