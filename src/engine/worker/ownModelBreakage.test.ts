/**
 * An own model whose loading or warm-up attack breaks the backend (a wasm trap, out of memory)
 * must reach the client as 'engine-failed', so it restarts the worker (breakage.ts), not as the
 * user's model's fault: blamed on the model, the engine would stay broken (issue 13).
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ModelManifest } from '../../models/manifest';
import { toEngineErrorData } from '../core/errors';
import { fetchFromFiles, goodModelFiles } from './ownModelFixtures';
import { graphModelFiles } from './ownModelGraphFixtures';
import { ownModelEntry } from './ownModelEntry';
import { loadOwnModel } from './ownModelLoad';
import type * as WorkEstimate from './workEstimate';

/** When set, the warm-up attack (measureCost) fails with it. */
const warmUp = vi.hoisted(() => ({ failure: null as Error | null }));
vi.mock('./workEstimate', async (importOriginal) => {
  const real = await importOriginal<typeof WorkEstimate>();
  return {
    ...real,
    measureCost: (...args: Parameters<typeof real.measureCost>) =>
      warmUp.failure ? Promise.reject(warmUp.failure) : real.measureCost(...args),
  };
});

const BASE = 'http://models.test/m/';

function manifest(format: 'layers' | 'graph', shape: [number, number, number]): ModelManifest {
  return {
    id: `own-${format}`,
    title: format,
    dataset: 'custom',
    classNames: [],
    inputShape: shape,
    modelInputShape: shape,
    preprocessing: { recipe: 'photo', colour: shape[2] === 1 ? 'grey' : 'rgb', range: '0-1' },
    output: 'logits',
    format,
    url: `${BASE}model.json`,
    architecture: 'test',
  };
}

async function failureOf(load: Promise<unknown>) {
  const thrown = await load.then(
    () => null,
    (e: unknown) => e,
  );
  return toEngineErrorData(thrown);
}

const trap = () => new WebAssembly.RuntimeError('memory access out of bounds');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => {
  vi.restoreAllMocks();
  warmUp.failure = null;
});

describe('own model loading when the backend breaks', () => {
  it('LayersModel: a trap while building the layers is engine-failed, not model-load-failed', async () => {
    vi.spyOn(tf.models, 'modelFromJSON').mockRejectedValueOnce(trap());
    const files = await goodModelFiles();
    const data = await failureOf(
      loadOwnModel(manifest('layers', [8, 8, 3]), fetchFromFiles(BASE, files)),
    );
    expect(data.code).toBe('engine-failed');
    expect(data.message).toMatch(/memory access out of bounds/);
  });

  it('GraphModel: a trap while reading the graph is engine-failed', async () => {
    vi.spyOn(tf.io, 'fromMemory').mockImplementationOnce(() => {
      throw trap();
    });
    const data = await failureOf(
      loadOwnModel(
        manifest('graph', [4, 4, 1]),
        fetchFromFiles(BASE, graphModelFiles('softmax-identity')),
      ),
    );
    expect(data.code).toBe('engine-failed');
  });

  it('a trap in the warm-up attack is engine-failed; an ordinary failure there is the model', async () => {
    const files = await goodModelFiles();
    const load = () =>
      failureOf(ownModelEntry(manifest('layers', [8, 8, 3]), fetchFromFiles(BASE, files)));
    warmUp.failure = trap();
    expect((await load()).code).toBe('engine-failed');
    warmUp.failure = new Error('no gradient for op Foo');
    const data = await load();
    expect(data.code).toBe('model-load-failed');
    expect(data.message).toMatch(/loads but cannot be attacked \(no gradient for op Foo\)/);
  });

  it("the model's own faults stay model-load-failed", async () => {
    const files = await goodModelFiles();
    const data = await failureOf(
      loadOwnModel(manifest('graph', [8, 8, 3]), fetchFromFiles(BASE, files)),
    );
    expect(data.code).toBe('model-load-failed');
    expect(data.message).toMatch(/not a graph model/);
  });
});
