/**
 * The client bridge against a scripted engine behind a real comlink channel (InProcessWorker):
 * latest-wins, abort, restart with model reload and replay, liveness, and error codes across
 * the boundary. The engine here is a test double: it only records what reaches the worker and
 * answers with values computed from the request, so each assertion is about the bridge.
 */
import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  AttackParams,
  AttackResult,
  BackendInfo,
  BackendName,
  CrossSectionResult,
  EngineApi,
  ImageData01,
  Prediction,
  Progress,
  TimedResult,
} from './api';
import type { ModelManifest } from '../models/manifest';
import type { LivenessOptions } from './bridge/liveness';
import { EngineCallError, type EngineStatus } from './clientApi';
import { createEngineClient, type EngineBridge } from './client';
import { EngineError } from './core/errors';
import { installEngineErrorTransfer, type WorkerEvent } from './protocol';
import { answerHeartbeats } from './worker/heartbeat';
import { InProcessWorker } from './worker/inProcessWorker';

installEngineErrorTransfer();

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const image: ImageData01 = {
  data: new Float32Array([0.2, 0.4, 0.6, 0.8]),
  height: 2,
  width: 2,
  channels: 1,
};

function manifest(id: string, members?: string[]): ModelManifest {
  return {
    id,
    title: id,
    dataset: 'mnist',
    classNames: ['a', 'b'],
    inputShape: [2, 2, 1],
    modelInputShape: [4],
    preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
    output: 'logits',
    format: 'layers',
    url: `${id}/model.json`,
    architecture: 'test',
    ...(members ? { members } : {}),
  };
}

function prediction(logits: number[]): Prediction {
  const max = Math.max(...logits);
  const exp = logits.map((z) => Math.exp(z - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  const probabilities = Float32Array.from(exp, (e) => e / sum);
  const predictedClass = logits.indexOf(max);
  return {
    logits: Float32Array.from(logits),
    probabilities,
    predictedClass,
    confidence: probabilities[predictedClass] as number,
  };
}

/** A scripted engine: logs every request; attack answers x + eps (clipped) after `gate`. */
class ScriptedEngine implements EngineApi {
  readonly log: string[] = [];
  readonly cancelled: number[] = [];
  /** each attack waits for this before answering (replace to hold calls) */
  gate: Promise<void> = Promise.resolve();
  attackError: unknown = null;
  constructor(
    readonly serial: number,
    private readonly port: MessagePort,
  ) {}

  private backend: BackendName = 'cpu';

  async init(options: { backend?: BackendName | 'auto' }): Promise<BackendInfo> {
    this.log.push(`init:${options.backend ?? 'auto'}`);
    this.backend =
      options.backend === 'auto' || options.backend === undefined ? 'wasm' : options.backend;
    return {
      active: this.backend,
      adapter: `engine #${this.serial}`,
      software: false,
      chosenBy: options.backend === 'auto' ? 'measured' : 'override',
      candidates: [],
      choiceMs: 1,
    };
  }
  async backendInfo(): Promise<BackendInfo> {
    return this.init({ backend: this.backend });
  }
  async loadModel(m: ModelManifest, baseUrl: string) {
    this.log.push(`loadModel:${m.id}@${baseUrl}`);
    return {
      id: m.id,
      numClasses: m.classNames.length,
      inputShape: m.inputShape,
      parameterCount: 0,
      notes: [],
      output: m.output,
    };
  }
  async unloadModel(id: string): Promise<void> {
    this.log.push(`unloadModel:${id}`);
  }
  async predict(modelId: string, images: ImageData01[]): Promise<TimedResult<Prediction[]>> {
    this.log.push(`predict:${modelId}`);
    return { result: images.map((im) => prediction([...im.data])), ms: 2, backend: this.backend };
  }
  async attack(
    modelId: string,
    x: ImageData01,
    params: AttackParams,
  ): Promise<TimedResult<AttackResult>> {
    this.log.push(`attack:${modelId}:${params.eps}`);
    await this.gate;
    if (this.attackError !== null) throw this.attackError;
    const adversarial = Float32Array.from(x.data, (v) => Math.min(1, v + params.eps));
    const perturbation = adversarial.map((v, i) => v - (x.data[i] as number));
    this.log.push(`attack-done:${params.eps}`);
    return {
      result: {
        adversarial: { ...x, data: adversarial },
        perturbation,
        clean: prediction([...x.data]),
        attacked: prediction([...adversarial]),
        lossLabel: 0,
        linfNorm: Math.max(...perturbation),
      },
      ms: 10 * params.eps,
      backend: this.backend,
    };
  }
  async sweep(): Promise<never> {
    throw new EngineError('internal', 'sweep is not scripted');
  }
  /** Reports progress until cancel(requestId) arrives, then stops like the core does. */
  async crossSection(
    modelId: string,
    _x: ImageData01,
    _params: unknown,
    requestId: number,
    onProgress?: (p: Progress) => void,
  ): Promise<TimedResult<CrossSectionResult>> {
    this.log.push(`crossSection:${modelId}:${requestId}`);
    for (let done = 1; ; done++) {
      if (this.cancelled.includes(requestId))
        throw new EngineError('cancelled', 'cross-section cancelled');
      await onProgress?.({ done, total: 1000 });
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  async firstLayerWeights(): Promise<never> {
    throw new EngineError('invalid-argument', 'no weights here');
  }
  async crossSectionCells(): Promise<never> {
    throw new EngineError('internal', 'crossSectionCells is for peer engines, not the client');
  }
  async experimentShare(): Promise<never> {
    throw new EngineError('internal', 'experimentShare is for peer engines, not the client');
  }
  async runExperiment(): Promise<never> {
    throw new EngineError('internal', 'runExperiment is not scripted');
  }
  async train(): Promise<never> {
    throw new EngineError('internal', 'train is not scripted');
  }
  async controlTraining(): Promise<void> {}
  async cancel(requestId: number): Promise<void> {
    this.cancelled.push(requestId);
  }
  async memory() {
    return { numTensors: this.log.length, numBytes: 0 };
  }
  /** what the real worker posts when its WebGPU device goes */
  loseDevice(message: string): void {
    const event: WorkerEvent = { type: 'engine-device-lost', message };
    this.port.postMessage(event);
  }
}

interface Harness {
  client: EngineBridge;
  engines: ScriptedEngine[];
  workers: InProcessWorker[];
  statuses: EngineStatus['kind'][];
  statusEvents: EngineStatus[];
}

const clients: EngineBridge[] = [];
/** pings every 20 ms, silence of 100 ms is death (client.liveness.test.ts: the defaults) */
const FAST_LIVENESS: Partial<LivenessOptions> = { pingMs: 20, quietMs: 100 };

function harness(
  options: {
    /** a fast heartbeat, answered by the worker side; off by default */
    liveness?: Partial<LivenessOptions>;
    maxReplays?: number;
    onEngine?: (e: ScriptedEngine) => void;
  } = {},
): Harness {
  const engines: ScriptedEngine[] = [];
  const workers: InProcessWorker[] = [];
  const client = createEngineClient({
    baseUrl: 'http://app.test/explorer/',
    liveness: options.liveness ?? false,
    ...(options.maxReplays !== undefined ? { maxReplays: options.maxReplays } : {}),
    workerFactory: () => {
      const worker = new InProcessWorker((port) => {
        const engine = new ScriptedEngine(engines.length + 1, port);
        if (options.liveness) answerHeartbeats(port);
        options.onEngine?.(engine);
        engines.push(engine);
        expose(engine, port);
      });
      workers.push(worker);
      return worker.asWorker();
    },
  });
  clients.push(client);
  const statusEvents: EngineStatus[] = [];
  client.onStatus((s) => statusEvents.push(s));
  return {
    client,
    engines,
    workers,
    statusEvents,
    get statuses() {
      return statusEvents.map((s) => s.kind);
    },
  };
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

afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
});

describe('latest-wins channels', () => {
  const attackOn = (h: Harness, eps: number) =>
    h.client.attack(
      'm',
      image,
      { mode: 'fgsm', eps, labelSource: 'predicted' },
      { channel: 'eps' },
    );

  it('runs only the newest of 5 rapid calls; the others reject cancelled', async () => {
    const h = harness();
    await h.client.init('cpu');
    const calls = [0.1, 0.2, 0.3, 0.4, 0.5].map((eps) => attackOn(h, eps));
    for (const call of calls.slice(0, 4)) expect((await rejection(call)).code).toBe('cancelled');
    const newest = await (calls[4] as Promise<TimedResult<AttackResult>>);
    // the scripted attack answers min(1, x + eps): the answer is the newest request's
    expect(Array.from(newest.result.adversarial.data)).toEqual(
      Array.from(image.data, (v) => Math.fround(Math.min(1, v + 0.5))),
    );
    expect(h.engines[0]?.log.filter((l) => l.startsWith('attack'))).toEqual([
      'attack:m:0.5',
      'attack-done:0.5',
    ]);
  });

  it('drops the stale result of a running call and queues at most one newer call', async () => {
    const h = harness();
    await h.client.init('cpu');
    const engine = h.engines[0] as ScriptedEngine;
    const hold = deferred();
    engine.gate = hold.promise;
    const running = attackOn(h, 0.1);
    await vi.waitFor(() => expect(engine.log).toContain('attack:m:0.1'));
    const newer = [0.2, 0.3, 0.4, 0.5].map((eps) => attackOn(h, eps));
    // stale and superseded calls reject at once, while the worker still holds the first one
    expect((await rejection(running)).code).toBe('cancelled');
    for (const call of newer.slice(0, 3)) expect((await rejection(call)).code).toBe('cancelled');
    engine.gate = Promise.resolve();
    hold.resolve();
    const newest = await (newer[3] as Promise<TimedResult<AttackResult>>);
    expect(newest.result.linfNorm).toBeCloseTo(0.5, 6); // max over pixels of min(1, x + eps) - x
    // the newest starts only after the worker finished the stale one; 0.2-0.4 never ran
    expect(engine.log.filter((l) => l.startsWith('attack'))).toEqual([
      'attack:m:0.1',
      'attack-done:0.1',
      'attack:m:0.5',
      'attack-done:0.5',
    ]);
  });

  it('keeps separate channels and unchannelled calls independent', async () => {
    const h = harness();
    const params = (eps: number): AttackParams => ({ mode: 'fgsm', eps, labelSource: 'predicted' });
    const [a, b, c] = await Promise.all([
      h.client.attack('m', image, params(0.1), { channel: 'left' }),
      h.client.attack('m', image, params(0.2), { channel: 'right' }),
      h.client.attack('m', image, params(0.3)),
    ]);
    expect([a.ms, b.ms, c.ms].map((ms) => Math.round(ms))).toEqual([1, 2, 3]);
  });
});

describe('cancellation', () => {
  it('rejects an already aborted call without sending it', async () => {
    const h = harness();
    await h.client.init();
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(
      h.client.attack(
        'm',
        image,
        { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' },
        { signal: controller.signal },
      ),
    );
    expect(error.code).toBe('cancelled');
    await h.client.memory(); // a round trip, so anything sent would have arrived
    expect(h.engines[0]?.log.some((l) => l.startsWith('attack'))).toBe(false);
  });

  it('rejects a running long call at once and stops it inside the worker', async () => {
    const h = harness();
    const controller = new AbortController();
    const progress: number[] = [];
    const call = h.client.crossSection(
      'm',
      image,
      { epsMax: 0.3, labelSource: 'predicted' },
      { signal: controller.signal, onProgress: (p) => progress.push(p.done) },
    );
    await vi.waitFor(() => expect(progress.length).toBeGreaterThanOrEqual(2));
    controller.abort();
    expect((await rejection(call)).code).toBe('cancelled');
    const engine = h.engines[0] as ScriptedEngine;
    const started = engine.log.find((l) => l.startsWith('crossSection:')) as string;
    const requestId = Number(started.split(':')[2]);
    await vi.waitFor(() => expect(engine.cancelled).toEqual([requestId]));
    const seen = progress.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(progress.length).toBe(seen); // no progress after the abort
  });
});

describe('restart', () => {
  it('replaces a dying worker: same preference, models reloaded in order, running call replayed', async () => {
    const h = harness();
    await h.client.init('wasm');
    await h.client.loadModel(manifest('a'), 'models/');
    await h.client.loadModel(manifest('b'), 'models/');
    const first = h.engines[0] as ScriptedEngine;
    first.gate = new Promise(() => undefined); // the call never finishes on this worker
    const call = h.client.attack('b', image, { mode: 'fgsm', eps: 0.25, labelSource: 'predicted' });
    await vi.waitFor(() => expect(first.log).toContain('attack:b:0.25'));
    h.workers[0]?.fail('out of memory');

    const result = await call;
    expect(result.result.linfNorm).toBeCloseTo(0.25, 6);
    expect(h.workers[0]?.terminated).toBe(true);
    const second = h.engines[1] as ScriptedEngine;
    expect(second.log).toEqual([
      'init:wasm',
      'loadModel:a@http://app.test/explorer/models/',
      'loadModel:b@http://app.test/explorer/models/',
      'attack:b:0.25',
      'attack-done:0.25',
    ]);
    expect(h.statuses).toEqual(['starting', 'ready', 'restarting', 'ready']);
    const restarting = h.statusEvents[2] as Extract<EngineStatus, { kind: 'restarting' }>;
    expect(restarting.reason).toContain('out of memory');
    expect(h.client.backendInfo()?.adapter).toBe('engine #2');
  });

  it('restarts when the worker reports a lost WebGPU device', async () => {
    const h = harness();
    await h.client.init('webgpu');
    (h.engines[0] as ScriptedEngine).loseDevice('WebGPU device lost (unknown): gone');
    await vi.waitFor(() =>
      expect(h.statuses).toEqual(['starting', 'ready', 'restarting', 'ready']),
    );
    expect(h.engines[1]?.log).toEqual(['init:webgpu']);
    expect(h.workers[0]?.terminated).toBe(true);
  });

  it('replaces a worker that stops answering and replays the call', async () => {
    const h = harness({ liveness: FAST_LIVENESS });
    await h.client.init();
    const first = h.engines[0] as ScriptedEngine;
    first.gate = new Promise(() => undefined);
    const call = h.client.attack('m', image, { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' });
    await vi.waitFor(() => expect(first.log).toContain('attack:m:0.1'));
    h.workers[0]?.hang();
    const result = await call;
    expect(result.ms).toBeCloseTo(1, 6);
    expect(h.engines).toHaveLength(2);
    const restarting = h.statusEvents.find((s) => s.kind === 'restarting');
    expect(restarting).toMatchObject({ reason: expect.stringContaining('did not answer') });
  });

  it('does not replace a slow worker that still answers', async () => {
    const h = harness({ liveness: FAST_LIVENESS });
    await h.client.init();
    const hold = deferred();
    (h.engines[0] as ScriptedEngine).gate = hold.promise;
    const call = h.client.attack('m', image, { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' });
    await new Promise((r) => setTimeout(r, 300)); // several liveness checks pass
    hold.resolve();
    await call;
    expect(h.engines).toHaveLength(1);
  });

  it('gives up on a call that keeps killing the worker', async () => {
    const never = new Promise<void>(() => undefined);
    const h = harness({ maxReplays: 2, onEngine: (engine) => (engine.gate = never) });
    const call = h.client.attack('m', image, { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' });
    // the attack reaches each new worker, which then dies: 1 try + 2 replays
    for (let i = 0; i < 3; i++) {
      await vi.waitFor(() => expect(h.engines[i]?.log).toContain('attack:m:0.1'));
      h.workers[i]?.fail(`crash ${i + 1}`);
    }
    const error = await rejection(call);
    expect(error.code).toBe('internal');
    expect(error.message).toContain('3 times');
    expect(error.message).toContain('crash 3');
  });

  it('stops restarting a worker that keeps failing, until restart()', async () => {
    const h = harness();
    await h.client.init();
    for (let i = 0; i < 4; i++) {
      await vi.waitFor(() => expect(h.engines[i]?.log).toContain('init:auto'));
      h.workers[i]?.fail(`crash ${i + 1}`);
    }
    expect(h.client.status()).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('crash 4'),
    });
    expect((await rejection(h.client.memory())).code).toBe('internal');
    expect(h.engines).toHaveLength(4);
    await h.client.restart('user retry');
    expect(h.client.status()?.kind).toBe('ready');
    expect((await h.client.memory()).numTensors).toBe(1); // the fifth worker has seen init only
    expect(h.engines).toHaveLength(5);
  });

  it('replays running calls on the new worker when init() changes the backend', async () => {
    const h = harness();
    await h.client.init('wasm');
    h.engines[0]!.gate = new Promise(() => undefined);
    const call = h.client.attack('m', image, { mode: 'fgsm', eps: 0.3, labelSource: 'predicted' });
    await vi.waitFor(() => expect(h.engines[0]?.log).toContain('attack:m:0.3'));
    const info = await h.client.init('cpu');
    expect(info.active).toBe('cpu');
    expect((await call).backend).toBe('cpu');
    expect(h.engines[1]?.log.slice(0, 2)).toEqual(['init:cpu', 'attack:m:0.3']);
  });

  it('starts one worker for repeated init() with the same preference', async () => {
    const h = harness();
    await Promise.all([h.client.init('wasm'), h.client.init('wasm')]);
    await h.client.init('wasm');
    expect(h.engines).toHaveLength(1);
  });
});

describe('errors across the boundary', () => {
  it('keeps the engine error code, and the worker keeps serving', async () => {
    const h = harness();
    await h.client.init();
    const engine = h.engines[0] as ScriptedEngine;
    const params: AttackParams = { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' };

    engine.attackError = new EngineError(
      'invalid-argument',
      'eps must be finite and >= 0, got NaN',
    );
    const invalid = await rejection(h.client.attack('m', image, params));
    expect(invalid.code).toBe('invalid-argument');
    expect(invalid.message).toBe('eps must be finite and >= 0, got NaN');

    engine.attackError = new TypeError('something broke');
    const internal = await rejection(h.client.attack('m', image, params));
    expect(internal.code).toBe('internal');
    expect(internal.message).toBe('something broke');

    const weights = await rejection(h.client.firstLayerWeights('m'));
    expect(weights.code).toBe('invalid-argument');

    engine.attackError = null;
    const ok = await h.client.attack('m', image, params);
    expect(ok.result.linfNorm).toBeCloseTo(0.1, 6);
    expect(h.engines).toHaveLength(1);
  });

  it('reports an unresolvable model base URL as invalid-argument', async () => {
    const client = createEngineClient({
      workerFactory: () => new InProcessWorker(() => undefined).asWorker(),
    });
    clients.push(client);
    expect((await rejection(client.loadModel(manifest('a'), 'relative/'))).code).toBe(
      'invalid-argument',
    );
  });
});

describe('bookkeeping', () => {
  it('exposes the last operation time and tells timing listeners', async () => {
    const h = harness();
    const seen: number[] = [];
    h.client.onTiming((t) => seen.push(t.ms));
    const result = await h.client.attack('m', image, {
      mode: 'fgsm',
      eps: 0.4,
      labelSource: 'predicted',
    });
    expect(h.client.lastTiming()).toEqual({
      operation: 'attack',
      ms: result.ms,
      backend: result.backend,
    });
    expect(seen).toEqual([result.ms]);
  });

  it('does not reload an unloaded model after a restart, nor an ensemble whose member changed', async () => {
    const h = harness();
    await h.client.loadModel(manifest('a'), 'http://cdn.test/');
    await h.client.loadModel(manifest('b'), 'http://cdn.test/');
    await h.client.loadModel(manifest('ab', ['a', 'b']), 'http://cdn.test/');
    await h.client.loadModel(manifest('c'), 'http://cdn.test/');
    await h.client.loadModel(manifest('a'), 'http://cdn.test/'); // reloading a member drops 'ab'
    await h.client.unloadModel('c');
    await h.client.restart('test');
    expect(h.engines[1]?.log).toEqual([
      'init:auto',
      'loadModel:a@http://cdn.test/',
      'loadModel:b@http://cdn.test/',
    ]);
  });

  it('dispose rejects pending calls and terminates the worker', async () => {
    const h = harness();
    await h.client.init();
    h.engines[0]!.gate = new Promise(() => undefined);
    const call = h.client.attack('m', image, { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' });
    await vi.waitFor(() => expect(h.engines[0]?.log).toContain('attack:m:0.1'));
    h.client.dispose();
    expect((await rejection(call)).code).toBe('cancelled');
    expect(h.workers[0]?.terminated).toBe(true);
    expect((await rejection(h.client.memory())).code).toBe('cancelled');
  });
});
