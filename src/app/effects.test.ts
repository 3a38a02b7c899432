import { describe, expect, it } from 'vitest';
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
import { EngineCallError, type EngineClient, type EngineStatus } from '../engine/clientApi';
import type { ModelIndex, ModelManifest } from '../models/manifest';
import type { Dataset } from '../shared/dataset';
import { createAppStore } from '../state/store';
import { startAppEffects, type EffectsEnv } from './effects';

/** Lets a test decide when and how each engine call ends. */
class Deferred<T> {
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
class ScriptedClient {
  inits: (BackendName | 'auto' | undefined)[] = [];
  loads: string[] = [];
  failingModels = new Set<string>();
  attacks: AttackCall[] = [];
  listeners: ((s: EngineStatus) => void)[] = [];
  sweeps: { modelId: string; params: SweepParams; channel: string | undefined }[] = [];
  crossSections: { image: ImageData01; params: CrossSectionParams }[] = [];
  weightCalls: string[] = [];

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

function manifest(id: string): ModelManifest {
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
const dataset: Dataset = {
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

function result(eps: number): TimedResult<AttackResult> {
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

function sweepResult(points: number): SweepResult {
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

const settle = () => new Promise((r) => setTimeout(r, 0));

async function setup(
  index: ModelIndex | Error = { version: 1, models: [manifest('a'), manifest('b')] },
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
  };
  const stop = startAppEffects(store, env);
  await settle();
  return { scripted, store, stop };
}

describe('startAppEffects', () => {
  it('starts the engine, picks the first model, loads it and its test set, then attacks', async () => {
    const { scripted, store, stop } = await setup();
    expect(scripted.inits).toEqual(['auto']);
    expect(store.getState().selectedModelId).toBe('a');
    expect(scripted.loads).toEqual(['a']);
    const call = scripted.lastAttack();
    expect(call.channel).toBe('attack');
    expect(call.modelId).toBe('a');
    // image 0 is bytes 0..3 over 255; its true label is 7; eps is the MNIST default
    expect(Array.from(call.image.data)).toEqual([0, 1, 2, 3].map((b) => Math.fround(b / 255)));
    expect(call.params).toMatchObject({ mode: 'fgsm', eps: 0.25, trueLabel: 7, clip: [0, 1] });
    call.reply.resolve(result(0.25));
    await settle();
    expect(store.getState().attackOutcome?.result.linfNorm).toBe(0.25);
    expect(store.getState().lastOpMs).toBe(12.5);
    expect(store.getState().engineStatus.kind).toBe('ready');
    stop();
  });

  it('asks again when eps, image or mode change, with the new values', async () => {
    const { scripted, store, stop } = await setup();
    const before = scripted.attacks.length;
    store.getState().setEps(0.1);
    expect(scripted.lastAttack().params.eps).toBe(0.1);
    store.getState().selectIndex(2);
    expect(scripted.lastAttack().params.trueLabel).toBe(5);
    store.getState().setAttackMode('targeted');
    store.getState().setTargetClass(4);
    expect(scripted.lastAttack().params).toMatchObject({ mode: 'targeted', targetClass: 4 });
    store.getState().setAttackMode('pgd');
    expect(scripted.lastAttack().params).toMatchObject({ mode: 'pgd', steps: 10 });
    expect(scripted.lastAttack().params.stepSize).toBeUndefined();
    expect(scripted.attacks.length).toBe(before + 5);
    // an unrelated change asks nothing
    store.getState().setActiveTab('weights');
    expect(scripted.attacks.length).toBe(before + 5);
    stop();
  });

  it('ignores superseded calls and shows other failures, keeping the previous result', async () => {
    const { scripted, store, stop } = await setup();
    scripted.lastAttack().reply.resolve(result(0.25));
    await settle();
    store.getState().setEps(0.2);
    scripted.lastAttack().reply.reject(new EngineCallError('cancelled', 'superseded'));
    await settle();
    expect(store.getState().errors).toEqual([]);
    store.getState().setEps(0.3);
    scripted.lastAttack().reply.reject(new EngineCallError('invalid-argument', 'eps too big'));
    await settle();
    expect(store.getState().errors.map((e) => e.message)).toEqual([
      'The attack failed: eps too big',
    ]);
    expect(store.getState().attackOutcome?.eps).toBe(0.25);
    stop();
  });

  it('falls back to the previous model when a new one fails to load', async () => {
    const { scripted, store, stop } = await setup();
    scripted.failingModels.add('b');
    store.getState().selectModel('b');
    await settle();
    await settle();
    expect(store.getState().errors.at(-1)?.message).toMatch(/Model b.*weights missing/);
    expect(store.getState().selectedModelId).toBe('a');
    expect(store.getState().loadedModel?.id).toBe('a');
    stop();
  });

  it('restarts the engine with a new backend preference and reloads the model', async () => {
    const { scripted, store, stop } = await setup();
    store.getState().setBackendPreference('wasm');
    await settle();
    await settle();
    expect(scripted.inits).toEqual(['auto', 'wasm']);
    expect(scripted.loads).toEqual(['a', 'a']);
    const status = store.getState().engineStatus;
    expect(status.kind === 'ready' && status.backend.active).toBe('wasm');
    stop();
  });

  it('explains a missing or empty model index', async () => {
    const missing = await setup(new Error('models/index.json: not found'));
    expect(missing.store.getState().modelList).toEqual({
      status: 'error',
      message: 'models/index.json: not found',
    });
    missing.stop();
    const empty = await setup({ version: 1, models: [] });
    expect(empty.store.getState().modelList.status).toBe('error');
    expect(empty.scripted.attacks).toHaveLength(0);
    empty.stop();
  });

  it('stops writing to the store once stopped', async () => {
    const { scripted, store, stop } = await setup();
    stop();
    scripted.lastAttack().reply.resolve(result(0.25));
    await settle();
    expect(store.getState().attackOutcome).toBeNull();
  });
});

describe('view effects', () => {
  it('computes the sweep only while its tab is open, and not again for the same inputs', async () => {
    const { scripted, store, stop } = await setup();
    expect(scripted.sweeps).toHaveLength(0);
    store.getState().setActiveTab('sweep');
    await settle();
    expect(scripted.sweeps).toHaveLength(1);
    // MNIST: twice the paper eps, 201 points, the true label of image 0
    expect(scripted.sweeps[0]?.params).toMatchObject({ epsMax: 0.5, points: 201, trueLabel: 7 });
    expect(scripted.sweeps[0]?.channel).toBe('sweep');
    expect(store.getState().sweepOutcome?.index).toBe(0);
    store.getState().setActiveTab('image');
    store.getState().setActiveTab('sweep');
    await settle();
    expect(scripted.sweeps).toHaveLength(1);
    store.getState().setSweepRange(0.3, 51);
    await settle();
    expect(scripted.sweeps.at(-1)?.params).toMatchObject({ epsMax: 0.3, points: 51 });
    stop();
  });

  it('computes one cross-section per image, from the selected one on, keeping partials', async () => {
    const { scripted, store, stop } = await setup();
    store.getState().setCsCount(2);
    store.getState().selectIndex(2);
    store.getState().setActiveTab('cross-section');
    await settle();
    await settle();
    const maps = store.getState().csMaps;
    expect(maps.map((m) => m.imageIndex)).toEqual([2, 0]);
    expect(maps.map((m) => m.trueLabel)).toEqual([5, 7]);
    expect(maps.every((m) => m.result !== null && m.progress === 1)).toBe(true);
    expect(maps[0]?.partial?.resolution).toBe(2);
    expect(scripted.crossSections.map((c) => c.params.resolution)).toEqual([64, 64]);
    expect(scripted.crossSections[0]?.params).toMatchObject({ epsMax: 0.5, seed: 0 });
    store.getState().reseedCs();
    await settle();
    await settle();
    expect(scripted.crossSections.at(-1)?.params.seed).toBe(1);
    stop();
  });

  it('reads first-layer weights once per model, loading a model to compare first', async () => {
    const { scripted, store, stop } = await setup();
    store.getState().setActiveTab('weights');
    await settle();
    expect(scripted.weightCalls).toEqual(['a']);
    store.getState().setWeightsCompareId('b');
    await settle();
    await settle();
    expect(scripted.loads).toEqual(['a', 'b']);
    expect(scripted.weightCalls).toEqual(['a', 'b']);
    expect(Object.keys(store.getState().weightsByModel)).toEqual(['a', 'b']);
    stop();
  });

  it('attacks a probe image (a cross-section cell) instead of the test image', async () => {
    const { scripted, store, stop } = await setup();
    const image = {
      data: new Float32Array([0.5, 0.5, 0.5, 0.5]),
      height: 2,
      width: 2,
      channels: 1,
    };
    store.getState().setProbeImage({
      modelId: 'a',
      baseIndex: 0,
      trueLabel: 7,
      image,
      description: 'test',
    });
    expect(scripted.lastAttack().image).toBe(image);
    expect(scripted.lastAttack().params.trueLabel).toBe(7);
    store.getState().stepIndex(1);
    expect(store.getState().probeImage).toBeNull();
    expect(Array.from(scripted.lastAttack().image.data)).toEqual(
      [4, 5, 6, 7].map((b) => Math.fround(b / 255)),
    );
    stop();
  });
});
