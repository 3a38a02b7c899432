/**
 * The Training lab through the client and the real engine (an in-process worker behind a comlink
 * channel, tfjs cpu): the training set fetched over HTTP with its bytes reported, the same curves
 * and weights as LabRun run directly in Node, pause and resume through the bridge with the same
 * result, stop, and a cancelled run that leaves no tensor behind; across an engine restart, a run
 * is replayed or reported, never lost.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { expose } from 'comlink';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeIdxImages, encodeIdxLabels } from '../shared/idx';
import { MNIST } from '../shared/datasetCatalog';
import { parseDataset } from '../shared/parseDataset';
import { DEFAULT_TRAINING_SPEC, type TrainingProgress, type TrainingSpec } from './api';
import { createEngineClient, type EngineBridge } from './client';
import { labSplit } from './core/training/labData';
import { LabRun } from './core/training/labRun';
import { installEngineErrorTransfer } from './protocol';
import { createEngine, type EngineOptions } from './worker/engine';
import { InProcessWorker } from './worker/inProcessWorker';

/** 5,000 held out + 640 to train on: digits whose class is the brightest of ten stripes. */
const COUNT = 5640;
let files: Map<string, Uint8Array>;
let server: Server;
let baseUrl: string;
let client: EngineBridge;
let fetched: string[] = [];

const SPEC: TrainingSpec = { ...DEFAULT_TRAINING_SPEC, epochs: 2, batchSize: 64, seed: 5 };
/** runs paused by the tests: long enough that a pause sent at the first report lands mid-run */
const PAUSED_SPEC: TrainingSpec = { ...SPEC, epochs: 6 };

function syntheticTrainingSet(): Map<string, Uint8Array> {
  const pixels = new Uint8Array(COUNT * 784);
  const labels = new Uint8Array(COUNT);
  for (let i = 0; i < COUNT; i++) {
    const label = (i * 7) % 10;
    labels[i] = label;
    for (let j = 0; j < 784; j++) {
      const stripe = Math.floor((j % 28) / 2.8);
      pixels[i * 784 + j] = stripe === label ? 200 : (i * 31 + j * 17) % 60;
    }
  }
  return new Map([
    [
      'train-images-idx3-ubyte.gz',
      gzipSync(encodeIdxImages({ count: COUNT, height: 28, width: 28, pixels })),
    ],
    ['train-labels-idx1-ubyte.gz', gzipSync(encodeIdxLabels(labels))],
  ]);
}

beforeAll(async () => {
  installEngineErrorTransfer();
  files = syntheticTrainingSet();
  server = createServer((req, res) => {
    fetched.push(req.url ?? '');
    const name = (req.url ?? '').replace('/app/data/mnist/', '');
    const body = files.get(name);
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/app/`;
  client = createEngineClient({
    liveness: false,
    workerFactory: () => new InProcessWorker((port) => expose(createEngine(), port)).asWorker(),
  });
  await client.init('cpu');
});

afterAll(async () => {
  client.dispose();
  await new Promise((resolve) => server.close(resolve));
});

/** The same run in this process, straight on LabRun (what bench and Node scripts use). */
async function directRun(spec: TrainingSpec) {
  const { gunzipSync } = await import('node:zlib');
  const raw = new Map([...files].map(([name, gz]) => [name, new Uint8Array(gunzipSync(gz))]));
  const run = new LabRun(spec, labSplit(parseDataset(MNIST, 'train', raw)));
  try {
    return await run.run();
  } finally {
    run.dispose();
  }
}

describe('Training lab through the client', () => {
  it('loads the training set once with byte progress and equals the same run in Node', async () => {
    fetched = [];
    const stages: TrainingProgress['stage'][] = [];
    let bytes = 0;
    const handle = client.train(SPEC, baseUrl, {
      onProgress: (p) => {
        stages.push(p.stage);
        if (p.stage === 'loading') bytes = p.loadedBytes ?? 0;
      },
    });
    const result = await handle.done;
    expect(fetched.sort()).toEqual([
      '/app/data/mnist/train-images-idx3-ubyte.gz',
      '/app/data/mnist/train-labels-idx1-ubyte.gz',
    ]);
    expect(bytes).toBe([...files.values()].reduce((s, b) => s + b.length, 0));
    expect(stages[0]).toBe('loading');
    expect(stages).toContain('training');
    expect(result.stoppedBy).toBe('finished');
    expect(result.steps).toBe(2 * Math.ceil(640 / 64));
    expect(result.final.clean).toBeLessThan(0.2);
    const direct = await directRun(SPEC);
    expect(result.curve).toEqual(direct.curve);
    expect(result.losses).toEqual(direct.losses);
    expect(Array.from(result.weights.data)).toEqual(Array.from(direct.weights.data));

    // a second run reads the kept training set
    fetched = [];
    await client.train({ ...SPEC, epochs: 1 }, baseUrl).done;
    expect(fetched).toEqual([]);
  });

  it('pauses and resumes through the bridge and ends where the uninterrupted run ends', async () => {
    const whole = await client.train(PAUSED_SPEC, baseUrl).done;
    const stages: string[] = [];
    let resumed = false;
    const handle = client.train(PAUSED_SPEC, baseUrl, {
      onProgress: (p) => {
        stages.push(p.stage);
        // the first report (after step 1): a quiet machine runs the whole set within 400 ms,
        // the next report's interval, so waiting for a later step could miss the run
        if (p.stage === 'training' && !stages.includes('paused')) handle.pause();
        if (p.stage === 'paused' && !resumed) {
          resumed = true;
          setTimeout(() => handle.resume(), 100);
        }
      },
    });
    const result = await handle.done;
    expect(stages).toContain('paused');
    expect(result.curve).toEqual(whole.curve);
    expect(Array.from(result.weights.data)).toEqual(Array.from(whole.weights.data));
  });

  it('stops early with what it has', async () => {
    const handle = client.train({ ...SPEC, epochs: 20 }, baseUrl, {
      onProgress: (p) => {
        if (p.step >= 4) handle.stop();
      },
    });
    const result = await handle.done;
    expect(result.stoppedBy).toBe('stopped');
    expect(result.steps).toBeLessThan(20 * 10);
  });

  it('a cancelled run rejects "cancelled" and leaves no tensor in the engine', async () => {
    const before = (await client.memory()).numTensors;
    const abort = new AbortController();
    const handle = client.train(
      { ...SPEC, architecture: 'maxout', units: 16, pieces: 2 },
      baseUrl,
      {
        signal: abort.signal,
        onProgress: (p) => {
          if (p.step >= 2) abort.abort();
        },
      },
    );
    await expect(handle.done).rejects.toMatchObject({ code: 'cancelled' });
    // the worker notices at its next step; then its tensors are freed
    for (let i = 0; i < 50 && (await client.memory()).numTensors !== before; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await client.memory()).numTensors).toBe(before);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a spec out of range, naming the field', async () => {
    await expect(client.train({ ...SPEC, eps: 2 }, baseUrl).done).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('eps must be a number in [0, 0.5]'),
    });
  });
});

/** A client of its own whose workers the test can reach (to kill one). */
function restartableClient(engineOptions: () => EngineOptions = () => ({})) {
  const workers: InProcessWorker[] = [];
  const own = createEngineClient({
    liveness: false,
    workerFactory: () => {
      const worker = new InProcessWorker((port) => expose(createEngine(engineOptions()), port));
      workers.push(worker);
      return worker.asWorker();
    },
  });
  return { own, workers };
}

describe('Training lab across an engine restart', () => {
  it('a run whose worker dies is replayed from the start, still paused, with the same result', async () => {
    const whole = await client.train(PAUSED_SPEC, baseUrl).done;
    const { own, workers } = restartableClient();
    await own.init('cpu');
    const seen: string[] = [];
    const handle = own.train(PAUSED_SPEC, baseUrl, {
      onProgress: (p) => {
        seen.push(`${workers.length}:${p.stage}`);
        // the first report, as above
        if (workers.length === 1 && p.stage === 'training') {
          handle.pause();
          workers[0]?.fail('killed by the test');
        }
      },
    });
    // the replay loads the set again and waits, paused, for the user
    await vi.waitFor(() => expect(seen.at(-1)).toBe('2:paused'), { timeout: 30_000 });
    handle.resume();
    const result = await handle.done;
    expect(seen).toContain('2:loading');
    expect(result.curve).toEqual(whole.curve);
    expect(Array.from(result.weights.data)).toEqual(Array.from(whole.weights.data));
    own.dispose();
  });

  it('a run that breaks the backend fails as engine-failed; the engine restarts and trains again', async () => {
    let breakNext = true;
    const { own, workers } = restartableClient(() => ({
      fetchTrainingFile: async (url) => {
        if (!breakNext) return fetch(url);
        breakNext = false;
        // what tfjs-backend-wasm throws when its heap is exhausted
        throw new WebAssembly.RuntimeError('memory access out of bounds');
      },
    }));
    await own.init('cpu');
    const statuses: string[] = [];
    own.onStatus((s) => statuses.push(s.kind));
    await expect(own.train(SPEC, baseUrl).done).rejects.toMatchObject({
      code: 'engine-failed',
      message: expect.stringContaining('memory access out of bounds'),
    });
    const result = await own.train({ ...SPEC, epochs: 1 }, baseUrl).done;
    expect(result.stoppedBy).toBe('finished');
    expect(workers).toHaveLength(2);
    expect(statuses).toEqual(['restarting', 'ready']);
    own.dispose();
  });
});
