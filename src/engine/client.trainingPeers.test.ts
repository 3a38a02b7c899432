/**
 * The Training lab's maxout steps on a CPU backend are cut into two shares (labShares.ts): through
 * the client and the real engine with a peer engine (in-process workers behind comlink channels,
 * tfjs cpu) the peer computes shares, and the run equals, bit for bit, the same seeded run on an
 * engine without peers (which computes both shares itself), and the one-way LabRun up to rounding.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { expose } from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeIdxImages, encodeIdxLabels } from '../shared/idx';
import { MNIST } from '../shared/datasetCatalog';
import { parseDataset } from '../shared/parseDataset';
import { DEFAULT_TRAINING_SPEC, type TrainingSpec } from './api';
import { createEngineClient, type EngineBridge } from './client';
import { labSplit } from './core/training/labData';
import { LabRun } from './core/training/labRun';
import { installEngineErrorTransfer } from './protocol';
import { createEngine, type EngineOptions } from './worker/engine';
import { InProcessWorker } from './worker/inProcessWorker';
import { PeerPool } from './worker/peerPool';

/** 5,000 held out + 320 to train on: digits whose class is the brightest of ten stripes. */
const COUNT = 5320;
const SPEC: TrainingSpec = {
  ...DEFAULT_TRAINING_SPEC,
  architecture: 'maxout',
  units: 16,
  pieces: 2,
  objective: 'fgsm-random-start',
  epochs: 1,
  batchSize: 64,
  seed: 5,
};

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

const files = syntheticTrainingSet();
const fetchTrainingFile = async (url: string): Promise<Response> => {
  const body = files.get(url.replace(/.*\/mnist\//, ''));
  return body ? new Response(new Uint8Array(body)) : new Response(null, { status: 404 });
};
let shares = 0;
let withPeer: EngineBridge;
let alone: EngineBridge;

function client(options: EngineOptions): EngineBridge {
  return createEngineClient({
    liveness: false,
    workerFactory: () =>
      new InProcessWorker((port) => expose(createEngine(options), port)).asWorker(),
  });
}

/** A peer engine in this process that counts the shares it computes. */
function peerWorker(): Worker {
  return new InProcessWorker((port) => {
    const engine = createEngine();
    const counted = new Proxy(engine, {
      get: (target, name, receiver) =>
        name === 'trainShare'
          ? (...args: Parameters<typeof engine.trainShare>) => {
              shares++;
              return target.trainShare(...args);
            }
          : Reflect.get(target, name, receiver),
    });
    expose(counted, port);
  }).asWorker();
}

beforeAll(async () => {
  installEngineErrorTransfer();
  withPeer = client({ fetchTrainingFile, peers: new PeerPool({ size: 1, spawn: peerWorker }) });
  alone = client({ fetchTrainingFile });
  await withPeer.init('cpu');
  await alone.init('cpu');
});

afterAll(() => {
  withPeer.dispose();
  alone.dispose();
});

describe('Training lab steps in shares', () => {
  it('a peer engine takes shares; the run equals the seeded run without peers, bit for bit', async () => {
    const shared = await withPeer.train(SPEC, 'http://data.test/app/').done;
    expect(shares).toBeGreaterThan(0);
    const rerun = await alone.train(SPEC, 'http://data.test/app/').done;
    expect(rerun.curve).toEqual(shared.curve);
    expect(rerun.losses).toEqual(shared.losses);
    expect(Array.from(rerun.weights.data)).toEqual(Array.from(shared.weights.data));

    // the one-way run in Node, up to the order the shares' gradients are summed
    const raw = new Map([...files].map(([name, gz]) => [name, new Uint8Array(gunzipSync(gz))]));
    const run = new LabRun(SPEC, labSplit(parseDataset(MNIST, 'train', raw)));
    const direct = await run.run();
    run.dispose();
    shared.losses.forEach((p, i) => expect(p.loss).toBeCloseTo(direct.losses[i]?.loss ?? NaN, 4));
    expect(shared.steps).toBe(direct.steps);
  });
});
