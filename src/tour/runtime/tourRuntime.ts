/**
 * Everything the tour's figures share: one engine worker for the whole page (the same shared
 * client the <adversarial-explorer> elements use), the model index and the test sets fetched
 * once, and each model loaded into the engine once. Figures and the embedded explorer views all
 * go through it.
 */
import { loadTestSet } from '../../app/data/testSet';
import type { EffectsEnv } from '../../app/effects';
import { loadWithMembers } from '../../app/loadWithMembers';
import { scopedClient, sharedEngineClient } from '../../embed/sharedClient';
import type { BackendInfo, ExperimentImages, LoadedModelInfo } from '../../engine/api';
import type { EngineBridge } from '../../engine/client';
import type { EngineClient } from '../../engine/clientApi';
import type { ModelIndex, ModelManifest } from '../../models/manifest';
import { fetchModelIndex } from '../../models/registry';
import {
  imageAt,
  imagesToFloat,
  labelAt,
  type BundledDatasetId,
  type Dataset,
} from '../../shared/dataset';
import type { ImageData01 } from '../../shared/image';
import type { BackendPreference } from '../../state';

export interface TestImage {
  image: ImageData01;
  /** the dataset's label */
  label: number;
  /** its class name (a model's class index is its position in the model's classNames) */
  className: string;
}

export interface TourRuntime {
  /** the app's folder, ending in '/' */
  appBase: string;
  modelsBaseUrl: string;
  backend: BackendPreference;
  /** the page's one engine bridge */
  engine: EngineBridge;
  /** a view of the engine whose latest-wins channels are one figure's own */
  scoped(): EngineClient;
  ready(): Promise<BackendInfo>;
  index(): Promise<ModelIndex>;
  manifest(id: string): Promise<ModelManifest>;
  /** loads the model (and an ensemble's members) into the engine, once per page */
  ensureModel(id: string): Promise<LoadedModelInfo>;
  testSet(id: BundledDatasetId): Promise<Dataset>;
  testImage(id: BundledDatasetId, index: number): Promise<TestImage>;
  /** the first `count` test images with their labels, as the experiments want them */
  testImages(id: BundledDatasetId, count: number): Promise<ExperimentImages>;
  /** what an embedded explorer view's effects need, sharing this page's engine and data */
  effectsEnv(): EffectsEnv;
}

function memo<K, V>(make: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const cache = new Map<K, Promise<V>>();
  return (key) => {
    let value = cache.get(key);
    if (!value) {
      value = make(key);
      // a failure is not kept: the next figure that asks tries again
      value.catch(() => cache.delete(key));
      cache.set(key, value);
    }
    return value;
  };
}

/** `client` with its loadModel replaced (the embedded views' effects load through the page). */
function withLoadModel(client: EngineClient, loadModel: EngineClient['loadModel']): EngineClient {
  return new Proxy(client, {
    get: (target, prop) => (prop === 'loadModel' ? loadModel : Reflect.get(target, prop, target)),
  });
}

export function createTourRuntime(appBase: string, backend: BackendPreference): TourRuntime {
  const modelsBaseUrl = new URL('models/', appBase).href;
  const engine = sharedEngineClient(appBase);
  let started: Promise<BackendInfo> | null = null;
  const ready = () => (started ??= engine.init(backend));
  const index = memo<'index', ModelIndex>(() => fetchModelIndex(modelsBaseUrl));
  const testSet = memo<BundledDatasetId, Dataset>((id) => loadTestSet(id, appBase));

  const manifest = async (id: string): Promise<ModelManifest> => {
    const found = (await index('index')).models.find((m) => m.id === id);
    if (!found) throw new Error(`model "${id}" is not in models/index.json`);
    return found;
  };

  // Loading a model again replaces the engine's copy and frees the old one, failing any call
  // still running on it (an experiment between two chunks): so every figure and every embedded
  // view of the page loads each model through this, once.
  const loads = new Map<string, Promise<LoadedModelInfo>>();
  const loadOnce = (m: ModelManifest, baseUrl: string): Promise<LoadedModelInfo> => {
    let load = loads.get(m.id);
    if (!load) {
      load = ready().then(() => engine.loadModel(m, baseUrl));
      load.catch(() => loads.delete(m.id));
      loads.set(m.id, load);
    }
    return load;
  };

  const ensureModel = async (id: string): Promise<LoadedModelInfo> => {
    const [m, all] = await Promise.all([manifest(id), index('index')]);
    return loadWithMembers({ loadModel: loadOnce }, m, all.models, modelsBaseUrl);
  };

  return {
    appBase,
    modelsBaseUrl,
    backend,
    engine,
    scoped: () => scopedClient(engine),
    ready,
    index: () => index('index'),
    manifest,
    ensureModel,
    testSet,
    async testImage(id, i) {
      const dataset = await testSet(id);
      const label = labelAt(dataset, i);
      return { image: imageAt(dataset, i), label, className: dataset.classNames[label] ?? '' };
    },
    async testImages(id, count) {
      const dataset = await testSet(id);
      const n = Math.min(count, dataset.count);
      return {
        data: imagesToFloat(dataset, 0, n),
        labels: Int32Array.from(dataset.labels.subarray(0, n)),
        count: n,
        shape: [dataset.height, dataset.width, dataset.channels],
      };
    },
    effectsEnv: () => ({
      client: withLoadModel(scopedClient(engine), loadOnce),
      modelsBaseUrl,
      dataBaseUrl: appBase,
      fetchModelIndex: () => index('index'),
      loadTestSet: (id) => testSet(id),
    }),
  };
}
