/**
 * For the client bridge's tests (client.test.ts, client.restart.test.ts): a scripted engine
 * behind a real comlink channel (InProcessWorker). The engine is a test double: it only records
 * what reaches the worker and answers with values computed from the request, so each assertion
 * is about the bridge.
 */
import { expose } from 'comlink';
import { expect } from 'vitest';
import type {
  AttackParams,
  AttackResult,
  BackendInfo,
  BackendName,
  CrossSectionPartial,
  CrossSectionResult,
  ImageData01,
  Prediction,
  Progress,
  TimedResult,
} from './api';
import type { EngineApi } from './operations';
import type { ModelManifest } from '../models/manifest';
import type { LivenessOptions } from './bridge/liveness';
import { EngineCallError, type EngineStatus } from './clientApi';
import { createEngineClient, type EngineBridge } from './client';
import { EngineError } from './core/errors';
import { installEngineErrorTransfer, type WorkerEvent } from './protocol';
import { answerHeartbeats } from './worker/heartbeat';
import { InProcessWorker } from './worker/inProcessWorker';

installEngineErrorTransfer();

export interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

export function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export const image: ImageData01 = {
  data: new Float32Array([0.2, 0.4, 0.6, 0.8]),
  height: 2,
  width: 2,
  channels: 1,
};

export function manifest(id: string, members?: string[]): ModelManifest {
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
export class ScriptedEngine implements EngineApi {
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
    onProgress?: (p: Progress<CrossSectionPartial>) => void,
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
  async mapCost(): Promise<never> {
    throw new EngineError('invalid-argument', 'no map costs here');
  }
  async crossSectionCells(): Promise<never> {
    throw new EngineError('internal', 'crossSectionCells is for peer engines, not the client');
  }
  async experimentShare(): Promise<never> {
    throw new EngineError('internal', 'experimentShare is for peer engines, not the client');
  }
  async trainShare(): Promise<never> {
    throw new EngineError('internal', 'trainShare is for peer engines, not the client');
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

export interface Harness {
  client: EngineBridge;
  engines: ScriptedEngine[];
  workers: InProcessWorker[];
  statuses: EngineStatus['kind'][];
  statusEvents: EngineStatus[];
}

const clients: EngineBridge[] = [];

/** Has `client` disposed after the test, like the harness's own. */
export function trackClient(client: EngineBridge): EngineBridge {
  clients.push(client);
  return client;
}

/** Disposes every client the harness made (call it after each test). */
export function disposeClients(): void {
  for (const client of clients.splice(0)) client.dispose();
}
/** pings every 20 ms, silence of 100 ms is death (client.liveness.test.ts: the defaults) */
export const FAST_LIVENESS: Partial<LivenessOptions> = { pingMs: 20, quietMs: 100 };

export function harness(
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

export async function rejection(promise: Promise<unknown>): Promise<EngineCallError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(EngineCallError);
    return e as EngineCallError;
  }
  throw new Error('expected the call to reject');
}
