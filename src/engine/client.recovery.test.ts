/**
 * An engine failure never outlives itself (issue 13): when a call breaks the worker's backend (a
 * wasm heap out of bounds, an out-of-memory), the failing call gets the true cause, the client
 * restarts the worker and reloads the models, and the other calls carry on on the new worker.
 */
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttackParams, BackendInfo, ImageData01 } from './api';
import type { ModelManifest } from '../models/manifest';
import { createEngineClient, type EngineBridge } from './client';
import { installEngineErrorTransfer } from './protocol';
import { answerHeartbeats, type WorkSignal } from './worker/heartbeat';
import { InProcessWorker } from './worker/inProcessWorker';

installEngineErrorTransfer();

/** an attack with this eps breaks the fake engine's backend */
const BREAKING_EPS = 0.99;

const image: ImageData01 = {
  data: new Float32Array(4).fill(0.5),
  height: 2,
  width: 2,
  channels: 1,
};
const fgsm: AttackParams = { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' };

const manifest: ModelManifest = {
  id: 'm',
  title: 'm',
  dataset: 'mnist',
  classNames: ['a', 'b'],
  inputShape: [2, 2, 1],
  modelInputShape: [4],
  preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
  output: 'logits',
  format: 'layers',
  url: 'm/model.json',
  architecture: 'test',
};

/** Just what these tests call; `gate` holds attacks, `work` announces busy steps. */
class FakeEngine {
  readonly log: string[] = [];
  gate: Promise<void> = Promise.resolve();
  constructor(
    readonly serial: number,
    readonly work: WorkSignal,
  ) {}

  async init(): Promise<BackendInfo> {
    this.log.push('init');
    return {
      active: 'wasm',
      adapter: `engine #${this.serial}`,
      software: false,
      chosenBy: 'override',
      candidates: [],
      choiceMs: 1,
    };
  }
  async loadModel(m: ModelManifest) {
    this.log.push(`loadModel:${m.id}`);
    const { id, classNames, inputShape, output } = m;
    return { id, numClasses: classNames.length, inputShape, parameterCount: 0, notes: [], output };
  }
  async attack(modelId: string, x: ImageData01, params: AttackParams) {
    this.log.push(`attack:${modelId}`);
    await this.gate;
    if (params.eps === BREAKING_EPS) {
      // what tfjs-backend-wasm throws when a batch does not fit its heap
      throw new WebAssembly.RuntimeError('memory access out of bounds');
    }
    const prediction = {
      logits: new Float32Array([0, 1]),
      probabilities: new Float32Array([0.27, 0.73]),
      predictedClass: 1,
      confidence: 0.73,
    };
    return {
      result: {
        adversarial: x,
        perturbation: new Float32Array(x.data.length).fill(params.eps),
        clean: prediction,
        attacked: prediction,
        lossLabel: 1,
        linfNorm: params.eps,
      },
      ms: this.serial,
      backend: 'wasm' as const,
    };
  }
}

const clients: EngineBridge[] = [];

function harness() {
  const engines: FakeEngine[] = [];
  const client = createEngineClient({
    baseUrl: 'http://app.test/',
    workerFactory: () => {
      const worker = new InProcessWorker((port) => {
        const engine = new FakeEngine(engines.length + 1, answerHeartbeats(port));
        engines.push(engine);
        expose(engine, port);
      });
      return worker.asWorker();
    },
  });
  clients.push(client);
  return { client, engines };
}

afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
});

describe('a call that breaks the engine', () => {
  it('fails with the true cause, and the engine restarts with its models', async () => {
    const { client, engines } = harness();
    await client.init('wasm');
    await client.loadModel(manifest, 'models/');
    const failure = await client.attack('m', image, { ...fgsm, eps: BREAKING_EPS }).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(failure?.code).toBe('engine-failed');
    expect(failure?.message).toMatch(/memory access out of bounds/);
    expect(failure?.message).toMatch(/restarted/);
    // the next call runs on a new worker that has the model again
    const { ms } = await client.attack('m', image, fgsm);
    expect(ms).toBe(2);
    expect(engines[1]?.log).toEqual(['init', 'loadModel:m', 'attack:m']);
  });

  it('lets the other calls that were running finish on the new worker', async () => {
    const { client, engines } = harness();
    await client.init('wasm');
    await client.loadModel(manifest, 'models/');
    let open = (): void => undefined;
    const first = engines[0] as FakeEngine;
    first.gate = new Promise<void>((resolve) => (open = resolve));
    const other = client.attack('m', image, fgsm);
    const breaking = client
      .attack('m', image, { ...fgsm, eps: BREAKING_EPS })
      .catch((e: unknown) => e);
    open();
    expect(await breaking).toMatchObject({ code: 'engine-failed' });
    // the other call was replayed on worker #2 (or had finished on #1 before the failure)
    expect([1, 2]).toContain((await other).ms);
    expect(engines.length).toBe(2);
  });
});
