/**
 * The engine behind the worker: one implementation per operation of the table (../operations.ts)
 * on top of the core ops, a model cache, the backend and the peers; dispatch.ts turns them into
 * the EngineApi (timing, progress, cancellation, typed errors). It knows nothing of messages, so
 * it can run in-process too (tests); entry.ts exposes it through comlink.
 */
import * as tf from '@tensorflow/tfjs';
import type { LoadedModelInfo } from '../api';
import type { EngineApi } from '../operations';
import type { ModelManifest } from '../../models/manifest';
import {
  attackImage,
  crossSectionImage,
  EngineError,
  evaluatePlaneCells,
  firstLayerWeights,
  predictImages,
  sweepImage,
  type Classifier,
} from '../core';
import { attackShare, runExperiment } from '../core/experiments';
import { measureMapCost } from '../core/mapCost';
import { fetchingNow, loadLayersModel } from '../core/modelLoading';
import { isOwnModelManifest } from '../../models/ownModelManifest';
import type { WasmPaths } from './backend';
import { CancelRegistry } from './cancellation';
import { dispatch, type Implementations } from './dispatch';
import { EngineBackend } from './engineBackend';
import type { WorkSignal } from './heartbeat';
import { LazyPeers } from './lazyPeers';
import { ModelCache } from './modelCache';
import type { OwnFetch } from './ownModelFetch';
import { ownModelEntry } from './ownModelEntry';
import { peerAttackShares, peerCells, peerTrainShares, type EnginePeers } from './peerPool';
import { checkManifest, shippedModelEntry } from './shippedModel';
import { busyEstimates } from './workEstimate';
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

export function createEngine(options: EngineOptions = {}): EngineApi {
  const models = new ModelCache();
  const training = new TrainingSessions(options.fetchTrainingFile);
  const backend = new EngineBackend({
    ...(options.wasmPaths !== undefined ? { wasmPaths: options.wasmPaths } : {}),
    ...(options.onDeviceLost ? { onDeviceLost: options.onDeviceLost } : {}),
  });
  const ready = () => backend.ready();
  const peers = new LazyPeers(options.peers, ready);
  const loadModelFrom = options.loadLayersModel ?? ((url: string) => loadLayersModel(url));
  const fetchOwn: OwnFetch = options.fetchOwnModelFile ?? ((url) => fetch(url));
  const cancels = new CancelRegistry();
  const classifierOf = (id: string): Classifier => models.get(id).classifier;

  /** Loads a model into the cache (and, later or now, into the peers). */
  const loadModel = async (manifest: ModelManifest, baseUrl: string): Promise<LoadedModelInfo> => {
    if (typeof manifest?.id === 'string' && isOwnModelManifest(manifest)) {
      // a model the user brought: checked as untrusted input, names may come from the model
      await ready();
      const entry = await ownModelEntry(manifest, fetchOwn);
      models.set(entry);
      // a peer copy of a large model would cost its memory again: only modest ones go
      const params = entry.info.parameterCount;
      if (params > 0 && params <= OWN_MODEL_PEER_LIMIT) peers.share(manifest, baseUrl);
      return entry.info;
    }
    checkManifest(manifest, baseUrl);
    // selected again (the app loads on every switch): kept, never reloaded under a running call
    const sourceKey = (): string => `${backend.name()} ${baseUrl} ${JSON.stringify(manifest)}`;
    const loaded = models.peek(manifest.id);
    if (loaded && loaded.sourceKey === sourceKey()) return loaded.info;
    // the files download while the backend may still be starting
    const early =
      options.loadLayersModel === undefined &&
      manifest.members === undefined &&
      manifest.format !== 'graph'
        ? fetchingNow(new URL(manifest.url, baseUrl).href)
        : null;
    await ready();
    const entry = await shippedModelEntry(manifest, baseUrl, {
      loadLayersModel: early ? () => loadLayersModel(early) : loadModelFrom,
      classifierOf,
    });
    models.set({ ...entry, sourceKey: sourceKey() });
    // the peers load it too; maps use them once they have it
    peers.share(manifest, baseUrl);
    return entry.info;
  };

  const implementations: Implementations = {
    init: async ([{ backend: preference, wasmBaseUrl, remembered } = {}]) =>
      peers.describe(await backend.start(preference ?? 'auto', wasmBaseUrl, remembered)),

    loadModel: ([manifest, baseUrl]) => loadModel(manifest, baseUrl),

    unloadModel: async ([id]) => {
      peers.unload(id);
      models.delete(id);
    },

    predict: async ([modelId, images]) => {
      if (!Array.isArray(images))
        throw new EngineError('invalid-argument', 'images must be an array');
      return predictImages(classifierOf(modelId), images);
    },

    attack: ([modelId, image, params]) => attackImage(classifierOf(modelId), image, params),

    sweep: ([modelId, image, params]) => sweepImage(classifierOf(modelId), image, params),

    crossSection: ([modelId, image, params], call) => {
      void peers.start();
      const remote = peers.pool && peerCells(peers.pool, modelId);
      return crossSectionImage(classifierOf(modelId), image, params, {
        onProgress: call.onProgress,
        shouldCancel: call.shouldCancel,
        ...(remote ? { peers: remote } : {}),
      });
    },

    crossSectionCells: async ([modelId, plane, a, b]) => {
      await ready();
      return evaluatePlaneCells(classifierOf(modelId), plane, a, b);
    },

    runExperiment: ([spec], call) => {
      void peers.start();
      return runExperiment(spec, classifierOf, {
        onProgress: call.onProgress,
        shouldCancel: call.shouldCancel,
        peersFor: (modelId) => peers.pool && peerAttackShares(peers.pool, modelId),
      });
    },

    experimentShare: async ([share]) => {
      await ready();
      return attackShare(classifierOf(share?.modelId), share);
    },

    mapCost: async ([modelId]) => measureMapCost(classifierOf(modelId)),

    firstLayerWeights: async ([modelId]) => {
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
      return firstLayerWeights(model, manifest);
    },

    // the Training lab (trainingSession.ts): the run so far is each report's partial result
    train: async ([spec, dataBaseUrl], call) => {
      const { active } = await ready();
      return training.train(spec, dataBaseUrl, call.requestId, {
        onProgress: (p) => call.onProgress({ done: p.step, total: p.totalSteps, partial: p }),
        shouldCancel: call.shouldCancel,
        backend: active,
        // a maxout run's second share goes to a peer engine when there is one
        peersFor: async (network) => {
          await peers.start();
          return peers.pool && peerTrainShares(peers.pool, network);
        },
      });
    },

    trainShare: async ([network, share]) => {
      await ready();
      return training.share(network, share);
    },

    controlTraining: async ([requestId, command]) => training.control(requestId, command),

    cancel: async ([requestId]) => cancels.cancel(requestId),

    memory: async ([asked]) => {
      const peerMemory = asked?.peers === true ? await options.peers?.memory() : undefined;
      const { numTensors, numBytes } = tf.memory();
      return {
        numTensors,
        numBytes,
        ...(asked?.peers === true ? { peers: peerMemory ?? [] } : {}),
      };
    },
  };

  return dispatch(
    implementations,
    busyEstimates((id) => models.costOf(id)),
    {
      guard: (work) => {
        const end = models.beginCall();
        return backend.guard(work).finally(end);
      },
      ready,
      backendName: () => backend.name(),
      cancels,
      ...(options.work ? { work: options.work } : {}),
    },
  );
}
