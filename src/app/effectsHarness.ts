/**
 * For the effects' tests (effects.test.ts, viewEffects.test.ts): a scripted engine client whose
 * calls a test ends when and how it likes, and a store with the effects started on it.
 */
import type { MapCost } from '../shared/mapEstimate';
import type {
  AttackParams,
  AttackResult,
  CrossSectionParams,
  SweepParams,
  SweepResult,
  BackendInfo,
  BackendName,
  ImageData01,
  LoadedModelInfo,
  TimedResult,
} from '../engine/api';
import type { EngineClient, EngineStatus } from '../engine/clientApi';
import type { ModelIndex, ModelManifest } from '../models/manifest';
import type { Dataset } from '../shared/dataset';
import { createAppStore } from '../state/store';
import { startAppEffects, type EffectsEnv } from './effects';

/** Lets a test decide when and how each engine call ends. */
export class Deferred<T> {
  resolve!: (value: T) => void;
  reject!: (reason: unknown) => void;
  readonly promise = new Promise<T>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });
}

interface AttackCall {
  modelId: string;
  image: ImageData01;
  params: AttackParams;
  channel: string | undefined;
  reply: Deferred<TimedResult<AttackResult>>;
}

function backendInfo(active: BackendName): BackendInfo {
  return {
    active,
    adapter: 'test',
    software: false,
    chosenBy: 'override',
    candidates: [],
    choiceMs: 0,
  };
}

/** An engine client whose calls are recorded and answered by the test. */
export class ScriptedClient {
  inits: (BackendName | 'auto' | undefined)[] = [];
  loads: string[] = [];
  unloads: string[] = [];
  failingModels = new Set<string>();
  attacks: AttackCall[] = [];
  listeners: ((s: EngineStatus) => void)[] = [];
  sweeps: { modelId: string; params: SweepParams; channel: string | undefined }[] = [];
  crossSections: { image: ImageData01; params: CrossSectionParams }[] = [];
  weightCalls: string[] = [];
  /** what mapCost answers: a small model's, so maps start at once unless a test says otherwise */
  mapCost: MapCost = { cellMs: 0.01, directionMs: 1 };

  asClient(): EngineClient {
    const unsupported = () => Promise.reject(new Error('not used in these tests'));
    return {
      init: async (backend) => {
        this.inits.push(backend);
        return backendInfo(backend === 'auto' || backend === undefined ? 'cpu' : backend);
      },
      backendInfo: () => null,
      loadModel: async (manifest): Promise<LoadedModelInfo> => {
        this.loads.push(manifest.id);
        if (this.failingModels.has(manifest.id)) throw new Error('weights missing');
        return {
          id: manifest.id,
          numClasses: 10,
          inputShape: [2, 2, 1],
          parameterCount: 50,
          notes: [],
          output: manifest.output,
        };
      },
      unloadModel: async (id) => {
        this.unloads.push(id);
      },
      predict: unsupported,
      runExperiment: unsupported,
      train: () => ({ done: unsupported(), pause: () => {}, resume: () => {}, stop: () => {} }),
      attack: (modelId, image, params, options) => {
        const reply = new Deferred<TimedResult<AttackResult>>();
        this.attacks.push({ modelId, image, params, channel: options?.channel, reply });
        return reply.promise;
      },
      sweep: async (modelId, _image, params, options) => {
        this.sweeps.push({ modelId, params, channel: options?.channel });
        return { result: sweepResult(params.points ?? 201), ms: 1, backend: 'cpu' };
      },
      crossSection: async (_modelId, image, params, options) => {
        this.crossSections.push({ image, params });
        const r = params.resolution ?? 64;
        // a coarse partial first, as the engine sends one, then the result
        options?.onProgress?.({
          done: 1,
          total: 2,
          partial: {
            resolution: 2,
            rowsDone: 2,
            predictedClass: new Int32Array(4),
            confidence: new Float32Array(4),
          },
        });
        return {
          result: {
            resolution: r,
            epsMax: params.epsMax,
            predictedClass: new Int32Array(r * r),
            confidence: new Float32Array(r * r),
            horizontal: new Float32Array(4),
            vertical: new Float32Array(4),
          },
          ms: 1,
          backend: 'cpu',
        };
      },
      mapCost: async () => this.mapCost,
      firstLayerWeights: async (modelId) => {
        this.weightCalls.push(modelId);
        return {
          layerName: 'dense',
          kind: 'dense',
          units: 10,
          pieces: 1,
          imageShape: [2, 2, 1],
          data: new Float32Array(40),
        };
      },
      memory: async () => ({ numTensors: 0, numBytes: 0 }),
      onStatus: (listener) => {
        this.listeners.push(listener);
        return () => undefined;
      },
      dispose: () => undefined,
    };
  }

  lastAttack(): AttackCall {
    const call = this.attacks.at(-1);
    if (!call) throw new Error('no attack call yet');
    return call;
  }
}

export function manifest(id: string): ModelManifest {
  return {
    id,
    title: `Model ${id}`,
    dataset: 'mnist',
    classNames: Array.from({ length: 10 }, (_, i) => `${i}`),
    inputShape: [2, 2, 1],
    modelInputShape: [4],
    preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
    output: 'logits',
    format: 'layers',
    url: `${id}/model.json`,
    architecture: 'test',
  };
}

/** three 2x2 images whose pixel bytes are 0..11 and labels 7, 2, 5 */
export const dataset: Dataset = {
  id: 'mnist',
  split: 'test',
  count: 3,
  height: 2,
  width: 2,
  channels: 1,
  pixels: Uint8Array.from({ length: 12 }, (_, i) => i),
  labels: Uint8Array.from([7, 2, 5]),
  classNames: Array.from({ length: 10 }, (_, i) => `${i}`),
};

export function result(eps: number): TimedResult<AttackResult> {
  const prediction = {
    logits: new Float32Array(10),
    probabilities: new Float32Array(10).fill(0.1),
    predictedClass: 3,
    confidence: 0.1,
  };
  return {
    result: {
      adversarial: { data: new Float32Array(4), height: 2, width: 2, channels: 1 },
      perturbation: new Float32Array(4).fill(eps),
      clean: prediction,
      attacked: prediction,
      lossLabel: 7,
      linfNorm: eps,
    },
    ms: 12.5,
    backend: 'cpu',
  };
}

export function sweepResult(points: number): SweepResult {
  return {
    eps: new Float32Array(points),
    numClasses: 10,
    logits: new Float32Array(points * 10),
    probabilities: new Float32Array(points * 10),
    predictedClass: new Int32Array(points),
    direction: new Float32Array(4),
    lossLabel: 7,
  };
}

export const settle = () => new Promise((r) => setTimeout(r, 0));

export async function setup(
  index: ModelIndex | Error = { version: 1, models: [manifest('a'), manifest('b')] },
  more: Partial<EffectsEnv> = {},
) {
  const scripted = new ScriptedClient();
  const store = createAppStore();
  const env: EffectsEnv = {
    client: scripted.asClient(),
    modelsBaseUrl: 'http://x/models/',
    dataBaseUrl: 'http://x/data',
    fetchModelIndex: async () => {
      if (index instanceof Error) throw index;
      return index;
    },
    loadTestSet: async () => dataset,
    ...more,
  };
  const stop = startAppEffects(store, env);
  await settle();
  return { scripted, store, stop };
}
