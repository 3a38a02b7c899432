/**
 * Liveness with the client's default settings, against a fake engine behind a real comlink
 * channel that answers heartbeats as the real worker does (worker/heartbeat.ts): a worker that
 * closes itself or freezes is noticed within 5 s (the status leaves 'ready' and the running call
 * is replayed on a new worker), and a worker busy in a long synchronous step it announced is
 * left alone. These run in real time: each takes a few seconds.
 */
import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttackParams, BackendInfo, ImageData01 } from './api';
import type { ModelManifest } from '../models/manifest';
import type { EngineStatus } from './clientApi';
import { createEngineClient, type EngineBridge } from './client';
import { installEngineErrorTransfer } from './protocol';
import { answerHeartbeats, type WorkSignal } from './worker/heartbeat';
import { InProcessWorker } from './worker/inProcessWorker';

installEngineErrorTransfer();

/** The promise of the issue: a dead or frozen worker is noticed within this time. */
const NOTICE_MS = 5_000;

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

interface Harness {
  client: EngineBridge;
  engines: FakeEngine[];
  workers: InProcessWorker[];
  statuses: EngineStatus['kind'][];
  /** ms since `since` when the status first became `kind` after it */
  waitForStatus(kind: EngineStatus['kind'], since: number): Promise<number>;
}

const clients: EngineBridge[] = [];

function harness(): Harness {
  const engines: FakeEngine[] = [];
  const workers: InProcessWorker[] = [];
  const statuses: { kind: EngineStatus['kind']; at: number }[] = [];
  const client = createEngineClient({
    baseUrl: 'http://app.test/',
    workerFactory: () => {
      const worker = new InProcessWorker((port) => {
        const engine = new FakeEngine(engines.length + 1, answerHeartbeats(port));
        engines.push(engine);
        expose(engine, port);
      });
      workers.push(worker);
      return worker.asWorker();
    },
  });
  clients.push(client);
  client.onStatus((s) => statuses.push({ kind: s.kind, at: performance.now() }));
  return {
    client,
    engines,
    workers,
    get statuses() {
      return statuses.map((s) => s.kind);
    },
    async waitForStatus(kind, since) {
      let at = 0;
      await vi.waitFor(
        () => {
          const found = statuses.find((s) => s.kind === kind && s.at >= since);
          if (!found) throw new Error(`no '${kind}' status yet: ${statuses.map((s) => s.kind)}`);
          at = found.at;
        },
        { timeout: 3 * NOTICE_MS, interval: 20 },
      );
      return at - since;
    },
  };
}

afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
});

describe('liveness (default settings)', () => {
  it('notices within 5 s that an idle worker closed itself, and serves calls on a new one', async () => {
    const h = harness();
    await h.client.init('wasm');
    await h.client.loadModel(manifest, 'models/');
    const since = performance.now();
    h.workers[0]?.closeItself();
    const noticed = await h.waitForStatus('restarting', since);
    expect(noticed).toBeLessThanOrEqual(NOTICE_MS);
    await h.waitForStatus('ready', since);
    const { ms } = await h.client.attack('m', image, fgsm);
    expect(ms).toBe(2);
    expect(h.engines[1]?.log).toEqual(['init', 'loadModel:m', 'attack:m']);
  }, 20_000);

  it('replays the call that was running when its worker closed itself', async () => {
    const h = harness();
    await h.client.init('wasm');
    const first = h.engines[0] as FakeEngine;
    first.gate = new Promise(() => undefined);
    const call = h.client.attack('m', image, fgsm);
    await vi.waitFor(() => expect(first.log).toContain('attack:m'));
    const since = performance.now();
    h.workers[0]?.closeItself();
    const { ms } = await call;
    expect(ms).toBe(2);
    expect(performance.now() - since).toBeLessThanOrEqual(NOTICE_MS + 1_000);
  }, 20_000);

  it('notices within 5 s a worker frozen during a call, and replays the call', async () => {
    const h = harness();
    await h.client.init('wasm');
    const first = h.engines[0] as FakeEngine;
    first.gate = new Promise(() => undefined);
    const call = h.client.attack('m', image, fgsm);
    await vi.waitFor(() => expect(first.log).toContain('attack:m'));
    const since = performance.now();
    h.workers[0]?.hang();
    const noticed = await h.waitForStatus('restarting', since);
    expect(noticed).toBeLessThanOrEqual(NOTICE_MS);
    expect((await call).ms).toBe(2);
    expect(h.workers[0]?.terminated).toBe(true);
  }, 20_000);

  it('leaves alone a worker silent for 6 s in a step it announced as 3 s long', async () => {
    const h = harness();
    await h.client.init('wasm');
    const first = h.engines[0] as FakeEngine;
    let release!: () => void;
    first.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const call = h.client.attack('m', image, fgsm);
    await vi.waitFor(() => expect(first.log).toContain('attack:m'));
    const end = first.work.begin(3_000);
    h.workers[0]?.stall();
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    end();
    release();
    h.workers[0]?.resume();
    expect((await call).ms).toBe(1);
    expect(h.engines).toHaveLength(1);
    expect(h.statuses).toEqual(['starting', 'ready']);
  }, 20_000);
});
