/**
 * The engine behind the worker: EngineApi on top of the core ops, with a model cache, backend
 * choice, timing, cancellation and typed errors. It knows nothing of messages, so it can run
 * in-process too (tests); entry.ts exposes it through comlink.
 */
import * as tf from '@tensorflow/tfjs';
import type {
  BackendInfo,
  BackendName,
  CrossSectionResult,
  EngineApi,
  ExperimentResult,
  ImageData01,
  LoadedModelInfo,
  Progress,
  TimedResult,
} from '../api';
import type { ModelManifest } from '../../models/manifest';
import {
  attackImage,
  classifierFromLayersModel,
  crossSectionImage,
  EngineError,
  evaluatePlaneCells,
  ensembleClassifier,
  firstLayerWeights,
  predictImages,
  sweepImage,
  toEngineErrorData,
  type Classifier,
  type RemoteCells,
} from '../core';
import { attackShare, runExperiment } from '../core/experiments';
import { loadLayersModel } from '../core/modelLoading';
import { setUpBackend, type WasmPaths } from './backend';
import type { BackendPreference } from './backendChoice';
import { CancelRegistry } from './cancellation';
import { ModelCache, type CachedModel } from './modelCache';
import { isOwnModelManifest } from '../../models/ownModelManifest';
import type { OwnFetch } from './ownModelFetch';
import { ownModelEntry } from './ownModelEntry';
import { callbackHandle } from './remoteCallback';
import { withTransfer } from './transfer';
import type { EnginePeers } from './peerPool';

export interface EngineOptions {
  /** where the wasm backend finds its binaries (the worker passes Vite asset URLs) */
  wasmPaths?: WasmPaths;
  /** told when the active WebGPU device is lost */
  onDeviceLost?: (message: string) => void;
  /** loads a LayersModel from a URL (default: core's loadLayersModel, tfjs' without its leak) */
  loadLayersModel?: (url: string) => Promise<tf.LayersModel>;
  /** fetches the files of models the user brings (default: fetch) */
  fetchOwnModelFile?: OwnFetch;
  /** peer engines that compute shares of the maps and test-set attacks on spare cores */
  peers?: EnginePeers;
}

/** Every error leaves the engine as an EngineError, so its code survives the boundary. */
/** Own models up to this many parameters (64 MB of float32) are loaded into the peers too. */
export const OWN_MODEL_PEER_LIMIT = 16_000_000;

function asEngineError(e: unknown): EngineError {
  if (e instanceof EngineError) return e;
  const { code, message } = toEngineErrorData(e);
  return new EngineError(code, message, { cause: e });
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function checkManifest(manifest: ModelManifest, baseUrl: string): void {
  const fail = (what: string): never => {
    throw new EngineError('invalid-argument', `model manifest: ${what}`);
  };
  if (typeof manifest !== 'object' || manifest === null) fail('not an object');
  if (typeof manifest.id !== 'string' || manifest.id === '') fail('id must be a non-empty string');
  if (!Array.isArray(manifest.classNames) || manifest.classNames.length < 2) {
    fail(`${manifest.id}: needs at least two class names`);
  }
  const shape = manifest.inputShape as unknown;
  if (
    !Array.isArray(shape) ||
    shape.length !== 3 ||
    !shape.every((d) => Number.isInteger(d) && d > 0)
  ) {
    fail(`${manifest.id}: inputShape must be three positive integers`);
  }
  if (manifest.members === undefined && typeof manifest.url !== 'string') {
    fail(`${manifest.id}: url must be a string`);
  }
  if (typeof baseUrl !== 'string') fail('baseUrl must be a string');
}

function zeroImage([height, width, channels]: [number, number, number]): ImageData01 {
  return { data: new Float32Array(height * width * channels), height, width, channels };
}

export function createEngine(options: EngineOptions = {}): EngineApi {
  const models = new ModelCache();
  const cancels = new CancelRegistry();
  const loadModelFrom = options.loadLayersModel ?? ((url: string) => loadLayersModel(url));
  const fetchOwn: OwnFetch = options.fetchOwnModelFile ?? ((url) => fetch(url));
  let backend: Promise<BackendInfo> | null = null;
  /**
   * Set once the WebGPU device is lost. From then on the engine answers nothing, not even the
   * errors of the dead device: the client replaces this worker and replays the calls.
   */
  let deviceLost = false;
  const onDeviceLost = (message: string): void => {
    deviceLost = true;
    options.onDeviceLost?.(message);
  };
  const silence = <T>(): Promise<T> => new Promise<T>(() => undefined);

  const startBackend = (
    preference: BackendPreference,
    wasmBaseUrl?: string,
  ): Promise<BackendInfo> => {
    const wasmPaths = wasmBaseUrl ?? options.wasmPaths;
    const starting = setUpBackend({
      preference,
      ...(wasmPaths !== undefined ? { wasmPaths } : {}),
      onDeviceLost,
    });
    // a failed start is not cached: the next call tries again
    starting.catch(() => {
      if (backend === starting) backend = null;
    });
    backend = starting;
    return starting;
  };
  const ready = (): Promise<BackendInfo> => backend ?? startBackend('auto');
  /** the backend info with the peers maps and test-set attacks get on this backend */
  const withPeers = (info: BackendInfo): BackendInfo => ({
    ...info,
    peers: options.peers?.plannedFor(info.active) ?? 0,
  });

  /**
   * Peers start at the first map or experiment, not with the engine: a page that never asks for
   * one (a course page with several embeds) spends no memory on them. Until then the models they
   * should hold are remembered, in load order; that first call runs on this engine alone.
   */
  const peerLoads = new Map<string, { manifest: ModelManifest; baseUrl: string }>();
  let peersStarted = false;
  const shareWithPeers = (manifest: ModelManifest, baseUrl: string): void => {
    peerLoads.delete(manifest.id);
    peerLoads.set(manifest.id, { manifest, baseUrl });
    if (peersStarted) options.peers?.load(manifest, baseUrl);
  };
  const startPeers = async (): Promise<void> => {
    if (peersStarted || !options.peers) return;
    const info = await ready();
    if (peersStarted) return;
    peersStarted = true;
    options.peers.start(info.active);
    for (const { manifest, baseUrl } of peerLoads.values()) options.peers.load(manifest, baseUrl);
  };

  /** Runs `work` after the backend is up, timing it; every error becomes an EngineError. */
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    if (deviceLost) return silence();
    let result: T;
    try {
      result = await work();
    } catch (e) {
      if (deviceLost) return silence();
      throw asEngineError(e);
    }
    return deviceLost ? silence() : result;
  };

  /** Runs `work` after the backend is up, timing it (read-back included). */
  const timed = <T>(work: () => Promise<T>): Promise<TimedResult<T>> =>
    guarded(async () => {
      await ready();
      const start = performance.now();
      const result = await work();
      const ms = performance.now() - start;
      return withTransfer({ result, ms, backend: tf.getBackend() as BackendName });
    });

  const classifierOf = (id: string): Classifier => models.get(id).classifier;

  /** the peers holding this model, as the cross-section's remote evaluators */
  const remoteFor = (modelId: string): { remote?: RemoteCells } => {
    const remote = options.peers?.remoteFor(modelId);
    return remote ? { remote } : {};
  };

  /** Loads, adapts and warms up one model (compiles its kernels now, not at the first attack). */
  const load = async (manifest: ModelManifest, baseUrl: string): Promise<CachedModel> => {
    if (manifest.format === 'graph') {
      throw new EngineError('model-load-failed', `${manifest.id}: graph models are not supported`);
    }
    let model: tf.LayersModel | null = null;
    let classifier: Classifier;
    let notes: string[];
    if (manifest.members !== undefined) {
      classifier = ensembleClassifier(
        manifest.members.map((member) => classifierOf(member)),
        manifest.id,
      );
      notes = [`ensemble of ${manifest.members.join(', ')}: mean of the members' probabilities`];
    } else {
      const url = new URL(manifest.url, baseUrl).href;
      try {
        model = await loadModelFrom(url);
      } catch (e) {
        throw new EngineError(
          'model-load-failed',
          `${manifest.id}: loading ${url} failed: ${messageOf(e)}`,
          {
            cause: e,
          },
        );
      }
      try {
        const adapted = classifierFromLayersModel(model, manifest);
        classifier = adapted;
        notes = [...adapted.notes];
      } catch (e) {
        model.dispose();
        throw e;
      }
    }
    try {
      await attackImage(classifier, zeroImage(classifier.inputShape), {
        mode: 'fgsm',
        eps: 0.1,
        labelSource: 'predicted',
      });
    } catch (e) {
      model?.dispose();
      throw new EngineError(
        'model-load-failed',
        `${manifest.id}: warm-up failed: ${messageOf(e)}`,
        {
          cause: e,
        },
      );
    }
    const info: LoadedModelInfo = {
      id: manifest.id,
      numClasses: classifier.numClasses,
      inputShape: [...classifier.inputShape],
      parameterCount: model?.countParams() ?? 0,
      notes,
      output: manifest.output,
    };
    return { manifest, model, classifier, info };
  };

  return {
    init: ({ backend: preference, wasmBaseUrl } = {}) =>
      guarded(async () => withPeers(await startBackend(preference ?? 'auto', wasmBaseUrl))),

    backendInfo: () => guarded(async () => withPeers(await ready())),

    loadModel: (manifest, baseUrl) =>
      guarded(async () => {
        if (typeof manifest?.id === 'string' && isOwnModelManifest(manifest)) {
          // a model the user brought: checked as untrusted input, names may come from the model
          await ready();
          const entry = await ownModelEntry(manifest, fetchOwn);
          models.set(entry);
          // a peer copy of a large model would cost its memory again: only modest ones go
          const params = entry.info.parameterCount;
          if (params > 0 && params <= OWN_MODEL_PEER_LIMIT) shareWithPeers(manifest, baseUrl);
          return entry.info;
        }
        checkManifest(manifest, baseUrl);
        await ready();
        const entry = await load(manifest, baseUrl);
        models.set(entry);
        // the peers load it too; maps use them once they have it
        shareWithPeers(manifest, baseUrl);
        return entry.info;
      }),

    unloadModel: (id) =>
      guarded(async () => {
        peerLoads.delete(id);
        if (peersStarted) options.peers?.unload(id);
        models.delete(id);
      }),

    predict: (modelId, images) =>
      timed(() => {
        if (!Array.isArray(images))
          throw new EngineError('invalid-argument', 'images must be an array');
        return predictImages(classifierOf(modelId), images);
      }),

    attack: (modelId, image, params) =>
      timed(() => attackImage(classifierOf(modelId), image, params)),

    sweep: (modelId, image, params) =>
      timed(() => sweepImage(classifierOf(modelId), image, params)),

    crossSection: (modelId, image, params, requestId, onProgress) => {
      void startPeers();
      const progress = callbackHandle<Progress>(onProgress);
      const shouldCancel = cancels.begin(requestId);
      return timed<CrossSectionResult>(() =>
        crossSectionImage(classifierOf(modelId), image, params, {
          onProgress: (p) => progress.call(p),
          shouldCancel,
          ...remoteFor(modelId),
        }),
      ).finally(() => {
        cancels.end(requestId);
        progress.release();
      });
    },

    runExperiment: (spec, requestId, onProgress) => {
      void startPeers();
      const progress = callbackHandle<Progress>(onProgress);
      const shouldCancel = cancels.begin(requestId);
      return timed<ExperimentResult>(() =>
        runExperiment(spec, classifierOf, {
          onProgress: (p) => progress.call(p),
          shouldCancel,
          remoteFor: (modelId) => options.peers?.attackSharesFor(modelId),
        }),
      ).finally(() => {
        cancels.end(requestId);
        progress.release();
      });
    },

    crossSectionCells: (modelId, plane, a, b) =>
      guarded(async () => {
        await ready();
        return withTransfer(await evaluatePlaneCells(classifierOf(modelId), plane, a, b));
      }),

    experimentShare: (share) =>
      guarded(async () => {
        await ready();
        return withTransfer(await attackShare(classifierOf(share?.modelId), share));
      }),

    firstLayerWeights: (modelId) =>
      guarded(async () => {
        const { model, manifest } = models.get(modelId);
        if (model === null) {
          throw new EngineError(
            'invalid-argument',
            manifest.members
              ? `${modelId} is an ensemble: pick one of its members`
              : `${modelId} is a GraphModel: the weights view needs a LayersModel`,
          );
        }
        await ready();
        return withTransfer(await firstLayerWeights(model, manifest));
      }),

    cancel: (requestId) => guarded(async () => cancels.cancel(requestId)),

    memory: (asked) =>
      guarded(async () => {
        const peers = asked?.peers === true ? await options.peers?.memory() : undefined;
        const { numTensors, numBytes } = tf.memory();
        return { numTensors, numBytes, ...(asked?.peers === true ? { peers: peers ?? [] } : {}) };
      }),
  };
}
