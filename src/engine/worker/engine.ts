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
  LoadedModelInfo,
  Progress,
  TimedResult,
} from '../api';
import type { ModelManifest } from '../../models/manifest';
import {
  attackImage,
  crossSectionImage,
  EngineError,
  evaluatePlaneCells,
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
import type { WorkSignal } from './heartbeat';
import { ModelCache } from './modelCache';
import { isOwnModelManifest } from '../../models/ownModelManifest';
import type { OwnFetch } from './ownModelFetch';
import { ownModelEntry } from './ownModelEntry';
import { callbackHandle } from './remoteCallback';
import { withTransfer } from './transfer';
import type { EnginePeers } from './peerPool';
import { checkManifest, shippedModelEntry } from './shippedModel';
import * as estimate from './workEstimate';
import type { TrainingProgress } from '../trainingTypes';
import type { FetchFile } from './trainingData';
import { TrainingSessions } from './trainingSession';

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
  /** told of the work each call starts, with its longest synchronous stretch (heartbeat.ts) */
  work?: WorkSignal;
  /** fetches the Training lab's training-set files (default: fetch) */
  fetchTrainingFile?: FetchFile;
}

/** Own models up to this many parameters (64 MB of float32) are loaded into the peers too. */
export const OWN_MODEL_PEER_LIMIT = 16_000_000;

/** Every error leaves the engine as an EngineError, so its code survives the boundary. */
function asEngineError(e: unknown): EngineError {
  if (e instanceof EngineError) return e;
  const { code, message } = toEngineErrorData(e);
  return new EngineError(code, message, { cause: e });
}

export function createEngine(options: EngineOptions = {}): EngineApi {
  const models = new ModelCache();
  const training = new TrainingSessions(options.fetchTrainingFile);
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

  /**
   * Runs `run`, announcing its longest synchronous stretch meanwhile (`ms` of the model's
   * measured cost; 0 for a model not loaded, whose call fails at once).
   */
  const during = <T>(
    modelId: string | null,
    ms: (cost: estimate.ModelCost) => number,
    run: () => Promise<T>,
  ): Promise<T> => {
    if (!options.work) return run();
    const cost = modelId === null ? { gradMs: 0, forwardMs: 0 } : models.costOf(modelId);
    const end = options.work.begin(cost ? ms(cost) : 0);
    return run().finally(end);
  };

  /** the peers holding this model, as the cross-section's remote evaluators */
  const remoteFor = (modelId: string): { remote?: RemoteCells } => {
    const remote = options.peers?.remoteFor(modelId);
    return remote ? { remote } : {};
  };

  /** Loads a model into the cache (and, later or now, into the peers). */
  const loadModel = (manifest: ModelManifest, baseUrl: string): Promise<LoadedModelInfo> =>
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
      const entry = await shippedModelEntry(manifest, baseUrl, {
        loadLayersModel: loadModelFrom,
        classifierOf,
      });
      models.set(entry);
      // the peers load it too; maps use them once they have it
      shareWithPeers(manifest, baseUrl);
      return entry.info;
    });

  return {
    init: ({ backend: preference, wasmBaseUrl } = {}) =>
      during(
        null,
        () => estimate.INIT_MS,
        () => guarded(async () => withPeers(await startBackend(preference ?? 'auto', wasmBaseUrl))),
      ),

    backendInfo: () => guarded(async () => withPeers(await ready())),

    loadModel: (manifest, baseUrl) =>
      during(
        null,
        () => estimate.LOAD_MS,
        () => loadModel(manifest, baseUrl),
      ),

    unloadModel: (id) =>
      guarded(async () => {
        peerLoads.delete(id);
        if (peersStarted) options.peers?.unload(id);
        models.delete(id);
      }),

    predict: (modelId, images) =>
      during(
        modelId,
        (cost) => estimate.forwardMs(cost, Array.isArray(images) ? images.length : 0),
        () =>
          timed(() => {
            if (!Array.isArray(images))
              throw new EngineError('invalid-argument', 'images must be an array');
            return predictImages(classifierOf(modelId), images);
          }),
      ),

    attack: (modelId, image, params) =>
      during(
        modelId,
        (cost) => estimate.attackMs(cost, params),
        () => timed(() => attackImage(classifierOf(modelId), image, params)),
      ),

    sweep: (modelId, image, params) =>
      during(
        modelId,
        (cost) => estimate.sweepMs(cost, params),
        () => timed(() => sweepImage(classifierOf(modelId), image, params)),
      ),

    crossSection: (modelId, image, params, requestId, onProgress) => {
      void startPeers();
      const progress = callbackHandle<Progress>(onProgress);
      const shouldCancel = cancels.begin(requestId);
      const map = (): Promise<TimedResult<CrossSectionResult>> =>
        timed(() =>
          crossSectionImage(classifierOf(modelId), image, params, {
            onProgress: (p) => progress.call(p),
            shouldCancel,
            ...remoteFor(modelId),
          }),
        );
      return during(modelId, (cost) => estimate.crossSectionMs(cost, params), map).finally(() => {
        cancels.end(requestId);
        progress.release();
      });
    },

    runExperiment: (spec, requestId, onProgress) => {
      void startPeers();
      const progress = callbackHandle<Progress>(onProgress);
      const shouldCancel = cancels.begin(requestId);
      const run = (): Promise<TimedResult<ExperimentResult>> =>
        timed(() =>
          runExperiment(spec, classifierOf, {
            onProgress: (p) => progress.call(p),
            shouldCancel,
            remoteFor: (modelId) => options.peers?.attackSharesFor(modelId),
          }),
        );
      const chunkMs = () => estimate.experimentMs(spec, (id) => models.costOf(id));
      return during(null, chunkMs, run).finally(() => {
        cancels.end(requestId);
        progress.release();
      });
    },

    crossSectionCells: (modelId, plane, a, b) =>
      during(
        modelId,
        (cost) => estimate.forwardMs(cost, a?.length ?? 0),
        () =>
          guarded(async () => {
            await ready();
            return withTransfer(await evaluatePlaneCells(classifierOf(modelId), plane, a, b));
          }),
      ),

    experimentShare: (share) =>
      during(
        share?.modelId ?? null,
        (cost) => estimate.shareMs(cost, share),
        () =>
          guarded(async () => {
            await ready();
            return withTransfer(await attackShare(classifierOf(share?.modelId), share));
          }),
      ),

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

    // ---- Training lab (trainingSession.ts) ----
    train: (spec, dataBaseUrl, requestId, onProgress) => {
      const progress = callbackHandle<TrainingProgress>(onProgress);
      const shouldCancel = cancels.begin(requestId);
      const run = () =>
        guarded(async () => {
          await ready();
          const hooks = { onProgress: (p: TrainingProgress) => progress.call(p), shouldCancel };
          return withTransfer(await training.train(spec, dataBaseUrl, requestId, hooks));
        });
      return during(null, () => estimate.TRAINING_STRETCH_MS, run).finally(() => {
        cancels.end(requestId);
        progress.release();
      });
    },
    controlTraining: (requestId, command) =>
      guarded(async () => training.control(requestId, command)),

    memory: (asked) =>
      guarded(async () => {
        const peers = asked?.peers === true ? await options.peers?.memory() : undefined;
        const { numTensors, numBytes } = tf.memory();
        return { numTensors, numBytes, ...(asked?.peers === true ? { peers: peers ?? [] } : {}) };
      }),
  };
}
