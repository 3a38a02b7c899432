/**
 * What the rest of the app sees of the engine: the one bridge to the worker (client.ts
 * implements it). Its operation methods are derived from the operation table (operations.ts).
 * Types, and the error class every call rejects with.
 */
import type {
  BackendInfo,
  BackendName,
  EngineErrorCode,
  LoadedModelInfo,
  TrainingProgress,
  TrainingResult,
  TrainingSpec,
} from './api';
import type { EngineOperations } from './operations';
import type {
  ArgsOf,
  AudienceOf,
  IsLong,
  OutcomeOf,
  PartialOf,
  ProgressListener,
  SomeOperation,
} from './operationSpec';
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

/** A long call's options: progress (with the operation's partial result) besides the others. */
export interface LongCallOptions<Partial = unknown> extends CallOptions {
  onProgress?: ProgressListener<Partial>;
}

/** The client's method for an operation: its arguments, then the call options. */
export type ClientMethod<O extends SomeOperation> = (
  ...args: [
    ...ArgsOf<O>,
    callOptions?: IsLong<O> extends true ? LongCallOptions<PartialOf<O>> : CallOptions,
  ]
) => Promise<OutcomeOf<O>>;

/** The operations the app calls through the bridge (audience 'app' in the table). */
export type AppOperationName = {
  [K in keyof EngineOperations]: AudienceOf<EngineOperations[K]> extends 'app' ? K : never;
}[keyof EngineOperations];

export type AppOperations = {
  [K in AppOperationName]: ClientMethod<EngineOperations[K]>;
};

export type EngineStatus =
  | { kind: 'starting' }
  | { kind: 'ready'; backend: BackendInfo }
  | { kind: 'restarting'; reason: string }
  | { kind: 'failed'; message: string };

export interface EngineClient extends AppOperations, TrainingClient {
  /** starts (or restarts) the worker with this backend preference */
  init(backend?: BackendName | 'auto'): Promise<BackendInfo>;
  backendInfo(): BackendInfo | null;
  loadModel(manifest: ModelManifest, baseUrl: string): Promise<LoadedModelInfo>;
  /** frees a model in the worker (an own model refused after loading); no longer reloaded after a restart */
  unloadModel(modelId: string): Promise<void>;
  /** subscribe to backend / restart status; returns the unsubscribe function */
  onStatus(listener: (status: EngineStatus) => void): () => void;
  dispose(): void;
}

// ---- Training lab (issue 16): client side in bridge/training.ts ----
export interface TrainingCallOptions {
  /** aborting cancels the run: it rejects with code 'cancelled' and frees its tensors */
  signal?: AbortSignal;
  onProgress?: (progress: TrainingProgress) => void;
}

/** A training run in the worker, steered between its steps. */
export interface TrainingHandle {
  /** the result once the run finishes or is stopped */
  readonly done: Promise<TrainingResult>;
  pause(): void;
  resume(): void;
  /** ends the run after its current step; `done` resolves with what it has */
  stop(): void;
}

export interface TrainingClient {
  /** trains a lab model on the training set served under `dataBaseUrl` (its data/ folder) */
  train(spec: TrainingSpec, dataBaseUrl: string, options?: TrainingCallOptions): TrainingHandle;
}

/** Error thrown on the main thread for every engine failure; `code` survives the worker boundary. */
export class EngineCallError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineCallError';
  }
}
