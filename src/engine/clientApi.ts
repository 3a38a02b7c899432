/**
 * What the rest of the app sees of the engine: the one bridge to the worker (client.ts
 * implements it). Types only.
 */
import type {
  AttackParams,
  AttackResult,
  BackendInfo,
  BackendName,
  CrossSectionParams,
  CrossSectionResult,
  EngineMemory,
  ExperimentResult,
  ExperimentSpec,
  ImageData01,
  LayerWeights,
  LoadedModelInfo,
  MemoryOptions,
  Prediction,
  Progress,
  SweepParams,
  SweepResult,
  TimedResult,
} from './api';
import type { ModelManifest } from '../models/manifest';

export interface CallOptions {
  /** aborting rejects the call with an EngineError of code 'cancelled' and stops its work */
  signal?: AbortSignal;
  /**
   * Latest-wins channel (e.g. 'attack' for the eps slider): a newer call on the same channel
   * supersedes this one. At most one call per channel runs and at most one waits; a waiting call
   * that is replaced, and a running one whose result is stale, reject with code 'cancelled'.
   */
  channel?: string;
}

export interface LongCallOptions extends CallOptions {
  onProgress?: (progress: Progress) => void;
}

export type EngineStatus =
  | { kind: 'starting' }
  | { kind: 'ready'; backend: BackendInfo }
  | { kind: 'restarting'; reason: string }
  | { kind: 'failed'; message: string };

export interface EngineClient extends TrainingClient {
  /** starts (or restarts) the worker with this backend preference */
  init(backend?: BackendName | 'auto'): Promise<BackendInfo>;
  backendInfo(): BackendInfo | null;
  loadModel(manifest: ModelManifest, baseUrl: string): Promise<LoadedModelInfo>;
  predict(
    modelId: string,
    images: ImageData01[],
    options?: CallOptions,
  ): Promise<TimedResult<Prediction[]>>;
  attack(
    modelId: string,
    image: ImageData01,
    params: AttackParams,
    options?: CallOptions,
  ): Promise<TimedResult<AttackResult>>;
  sweep(
    modelId: string,
    image: ImageData01,
    params: SweepParams,
    options?: CallOptions,
  ): Promise<TimedResult<SweepResult>>;
  crossSection(
    modelId: string,
    image: ImageData01,
    params: CrossSectionParams,
    options?: LongCallOptions,
  ): Promise<TimedResult<CrossSectionResult>>;
  firstLayerWeights(modelId: string, options?: CallOptions): Promise<LayerWeights>;
  /** runs one experiment on loaded models; long: progress, abort through options.signal */
  runExperiment(
    spec: ExperimentSpec,
    options?: LongCallOptions,
  ): Promise<TimedResult<ExperimentResult>>;
  /** the engine's live tensors and bytes (with `peers`, its peer engines' too), for leak checks */
  memory(options?: MemoryOptions): Promise<EngineMemory>;
  /** subscribe to backend / restart status; returns the unsubscribe function */
  onStatus(listener: (status: EngineStatus) => void): () => void;
  dispose(): void;
}

// ---- Training lab (issue 16): client side in bridge/training.ts ----
export interface TrainingCallOptions {
  /** aborting cancels the run: it rejects with code 'cancelled' and frees its tensors */
  signal?: AbortSignal;
  onProgress?: (progress: import('./api').TrainingProgress) => void;
}

/** A training run in the worker, steered between its steps. */
export interface TrainingHandle {
  /** the result once the run finishes or is stopped */
  readonly done: Promise<import('./api').TrainingResult>;
  pause(): void;
  resume(): void;
  /** ends the run after its current step; `done` resolves with what it has */
  stop(): void;
}

export interface TrainingClient {
  /** trains a lab model on the training set served under `dataBaseUrl` (its data/ folder) */
  train(
    spec: import('./api').TrainingSpec,
    dataBaseUrl: string,
    options?: TrainingCallOptions,
  ): TrainingHandle;
}

/** Error thrown on the main thread for every engine failure; `code` survives the worker boundary. */
export class EngineCallError extends Error {
  constructor(
    readonly code: import('./api').EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineCallError';
  }
}
