/**
 * The one bridge from the main thread to the engine worker (comlink). Every call can be aborted;
 * calls on a channel are latest-wins; when the worker dies or loses its WebGPU device, a new one
 * is started with the same backend preference, the loaded models are loaded again and the calls
 * that were running are replayed. Inputs are copied to the worker (the caller keeps its arrays,
 * and a replay needs them); results' typed arrays are transferred back.
 */
import { proxy } from 'comlink';
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
import {
  EngineCallError,
  type CallOptions,
  type EngineClient,
  type EngineStatus,
  type LongCallOptions,
} from './clientApi';
import { installEngineErrorTransfer } from './protocol';
import { LatestWinsChannels } from './bridge/channels';
import { cancelledError, Job, toCallError, type Invoke, type JobHandle } from './bridge/job';
import { DEFAULT_LIVENESS, type LivenessOptions } from './bridge/liveness';
import { WorkerLost, WorkerSession } from './bridge/session';
import { startTraining } from './bridge/training';
import type { TrainingSpec } from './api';
import type { TrainingCallOptions, TrainingHandle } from './clientApi';

export interface EngineClientOptions {
  /** makes the worker (tests pass an in-process one); default: the module worker in ./worker */
  workerFactory?: () => Worker;
  /** base URL that relative model base URLs are resolved against (default: the page's URL) */
  baseUrl?: string;
  /** worker failures one call survives by being replayed before it gives up (default 2) */
  maxReplays?: number;
  /**
   * The heartbeat that notices a worker that ended or froze without an 'error' event
   * (bridge/liveness.ts; defaults DEFAULT_LIVENESS); false turns it off.
   */
  liveness?: Partial<LivenessOptions> | false;
}

export type TimedOperation = 'predict' | 'attack' | 'sweep' | 'crossSection';

export interface OperationTiming {
  operation: TimedOperation;
  /** engine milliseconds, read-back included (TimedResult.ms) */
  ms: number;
  backend: BackendName;
}

/** EngineClient plus what the shell needs around it. */
export interface EngineBridge extends EngineClient {
  /** the latest status event (null before the first call) */
  status(): EngineStatus | null;
  /** timing of the last operation whose result was delivered */
  lastTiming(): OperationTiming | null;
  onTiming(listener: (timing: OperationTiming) => void): () => void;
  /** frees a model in the worker; it is no longer reloaded after a restart */
  unloadModel(modelId: string): Promise<void>;
  /** replaces the worker now, same backend preference (e.g. "retry" after status 'failed') */
  restart(reason?: string): Promise<BackendInfo>;
}

/** More worker failures than this within CRASH_WINDOW_MS and the client stops restarting. */
const MAX_CRASHES = 3;
const CRASH_WINDOW_MS = 60_000;

function defaultWorker(): Worker {
  return new Worker(new URL('./worker/entry.ts', import.meta.url), {
    type: 'module',
    name: 'adversarial-explorer-engine',
  });
}

function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.message ? `aborted: ${reason.message}` : 'aborted';
}

/** Arguments the structured clone cannot copy are the caller's mistake, not the engine's. */
function callErrorOf(e: unknown): EngineCallError {
  if (e instanceof Error && e.name === 'DataCloneError') {
    return new EngineCallError(
      'invalid-argument',
      `argument cannot be sent to the worker: ${e.message}`,
    );
  }
  return toCallError(e);
}

interface KnownModel {
  manifest: ModelManifest;
  baseUrl: string;
}

class BridgeClient implements EngineBridge {
  private session: WorkerSession | null = null;
  private preference: BackendName | 'auto' = 'auto';
  private info: BackendInfo | null = null;
  private latestStatus: EngineStatus | null = null;
  /** set when the engine cannot work until init()/restart(): calls reject with it */
  private failure: EngineCallError | null = null;
  private timing: OperationTiming | null = null;
  private disposed = false;
  private nextRequestId = 1;
  private readonly crashTimes: number[] = [];
  /** loaded models in load order (ensembles after their members), reloaded after a restart */
  private readonly models = new Map<string, KnownModel>();
  private readonly pending = new Set<JobHandle>();
  private readonly statusListeners = new Set<(status: EngineStatus) => void>();
  private readonly timingListeners = new Set<(timing: OperationTiming) => void>();
  private readonly channels = new LatestWinsChannels((job) => this.stopInWorker(job));
  private readonly workerFactory: () => Worker;
  private readonly maxReplays: number;
  private readonly liveness: LivenessOptions | null;

  constructor(private readonly options: EngineClientOptions) {
    installEngineErrorTransfer();
    this.workerFactory = options.workerFactory ?? defaultWorker;
    this.maxReplays = options.maxReplays ?? 2;
    this.liveness =
      options.liveness === false ? null : { ...DEFAULT_LIVENESS, ...options.liveness };
  }

  // ---- EngineClient ----

  init(backend: BackendName | 'auto' = 'auto'): Promise<BackendInfo> {
    if (this.disposed) return Promise.reject(cancelledError('the engine client was disposed'));
    const current = this.session;
    if (current && !current.isEnded && current.preference === backend && !this.failure) {
      return this.readyInfo();
    }
    this.preference = backend;
    return this.replaceSession(`backend preference ${backend}`);
  }

  restart(reason = 'restart requested'): Promise<BackendInfo> {
    if (this.disposed) return Promise.reject(cancelledError('the engine client was disposed'));
    return this.replaceSession(reason);
  }

  backendInfo(): BackendInfo | null {
    return this.info;
  }

  status(): EngineStatus | null {
    return this.latestStatus;
  }

  lastTiming(): OperationTiming | null {
    return this.timing;
  }

  async loadModel(manifest: ModelManifest, baseUrl: string): Promise<LoadedModelInfo> {
    const base = this.resolveBase(baseUrl);
    const copy = structuredClone(manifest);
    const info = await this.submit<LoadedModelInfo>('loadModel', undefined, false, (api) =>
      api.loadModel(copy, base),
    );
    this.forgetEnsemblesOf(copy.id);
    this.models.set(copy.id, { manifest: copy, baseUrl: base });
    return info;
  }

  async unloadModel(modelId: string): Promise<void> {
    this.models.delete(modelId);
    this.forgetEnsemblesOf(modelId);
    await this.submit<void>('unloadModel', undefined, false, (api) => api.unloadModel(modelId));
  }

  predict(
    modelId: string,
    images: ImageData01[],
    options?: CallOptions,
  ): Promise<TimedResult<Prediction[]>> {
    return this.submit('predict', options, false, (api) => api.predict(modelId, images));
  }

  attack(
    modelId: string,
    image: ImageData01,
    params: AttackParams,
    options?: CallOptions,
  ): Promise<TimedResult<AttackResult>> {
    return this.submit('attack', options, false, (api) => api.attack(modelId, image, params));
  }

  sweep(
    modelId: string,
    image: ImageData01,
    params: SweepParams,
    options?: CallOptions,
  ): Promise<TimedResult<SweepResult>> {
    return this.submit('sweep', options, false, (api) => api.sweep(modelId, image, params));
  }

  crossSection(
    modelId: string,
    image: ImageData01,
    params: CrossSectionParams,
    options?: LongCallOptions,
  ): Promise<TimedResult<CrossSectionResult>> {
    const listener = options?.onProgress;
    return this.submit('crossSection', options, true, (api, job) => {
      // progress of a stale, aborted or superseded attempt is not shown
      const onProgress = listener
        ? proxy((progress: Progress) => {
            if (!job.settled) listener(progress);
          })
        : undefined;
      return api.crossSection(modelId, image, params, job.requestId, onProgress);
    });
  }

  runExperiment(
    spec: ExperimentSpec,
    options?: LongCallOptions,
  ): Promise<TimedResult<ExperimentResult>> {
    const listener = options?.onProgress;
    return this.submit('runExperiment', options, true, (api, job) => {
      const onProgress = listener
        ? proxy((progress: Progress) => {
            if (!job.settled) listener(progress);
          })
        : undefined;
      return api.runExperiment(spec, job.requestId, onProgress);
    });
  }

  firstLayerWeights(modelId: string, options?: CallOptions): Promise<LayerWeights> {
    return this.submit('firstLayerWeights', options, false, (api) =>
      api.firstLayerWeights(modelId),
    );
  }

  memory(options?: MemoryOptions): Promise<EngineMemory> {
    const copy = options ? { ...options } : undefined;
    return this.submit('memory', undefined, false, (api) => api.memory(copy));
  }

  // ---- Training lab (bridge/training.ts) ----
  train(spec: TrainingSpec, dataBaseUrl: string, options?: TrainingCallOptions): TrainingHandle {
    const base = this.resolveBase(dataBaseUrl);
    return startTraining(spec, base, options, (invoke) =>
      this.submit('train', options, true, invoke),
    );
  }

  onStatus(listener: (status: EngineStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onTiming(listener: (timing: OperationTiming) => void): () => void {
    this.timingListeners.add(listener);
    return () => this.timingListeners.delete(listener);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const job of [...this.pending])
      job.reject(cancelledError('the engine client was disposed'));
    this.session?.end('the engine client was disposed', false);
    this.session = null;
    this.statusListeners.clear();
    this.timingListeners.clear();
  }

  // ---- calls ----

  private submit<T>(
    operation: string,
    options: CallOptions | undefined,
    long: boolean,
    invoke: Invoke<T>,
  ): Promise<T> {
    const job = new Job<T>(this.nextRequestId++, operation, long, invoke);
    if (this.disposed) {
      job.reject(cancelledError('the engine client was disposed'));
      return job.promise;
    }
    const signal = options?.signal;
    if (signal) {
      if (signal.aborted) {
        job.reject(cancelledError(abortReason(signal)));
        return job.promise;
      }
      const onAbort = (): void => {
        if (job.reject(cancelledError(abortReason(signal)))) this.stopInWorker(job);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      job.onSettled(() => signal.removeEventListener('abort', onAbort));
    }
    this.pending.add(job);
    job.onSettled(() => this.pending.delete(job));
    if (options?.channel !== undefined) {
      this.channels.submit(options.channel, job, () => this.execute(job));
    } else {
      void this.execute(job);
    }
    return job.promise;
  }

  /**
   * Runs a job until it settles: waits for a ready worker, invokes, and when the worker is lost
   * under it, tries again on the next one. Resolves when the worker is done with the job (a
   * stale job keeps its channel busy until then), never rejects.
   */
  private async execute<T>(job: Job<T>): Promise<void> {
    let crashes = 0;
    while (!job.settled) {
      try {
        const session = this.currentSession();
        await session.race(session.ready);
        if (job.settled) return;
        job.session = session;
        const attempt = Promise.resolve().then(() => job.invoke(session.api, job));
        const value = await session.race(attempt);
        this.deliver(job, value);
        return;
      } catch (e) {
        if (e instanceof WorkerLost) {
          if (e.crashed) crashes++;
          if (crashes > this.maxReplays) {
            const why = `the engine worker failed ${crashes} times during this call: ${e.reason}`;
            job.reject(new EngineCallError('internal', why));
            return;
          }
          continue;
        }
        job.reject(callErrorOf(e));
        return;
      } finally {
        job.session = null;
      }
    }
  }

  private deliver<T>(job: Job<T>, value: T): void {
    if (!job.resolve(value)) return;
    const op = job.operation;
    if (op === 'predict' || op === 'attack' || op === 'sweep' || op === 'crossSection') {
      const { ms, backend } = value as TimedResult<unknown>;
      this.timing = { operation: op, ms, backend };
      for (const listener of [...this.timingListeners]) listener(this.timing);
    }
  }

  /** Stops a long call inside the worker once nobody wants its result. */
  private stopInWorker(job: JobHandle): void {
    const session = job.session;
    if (!job.long || !session || session.isEnded) return;
    session.race(session.api.cancel(job.requestId)).catch(() => undefined);
  }

  // ---- worker lifetime ----

  private currentSession(): WorkerSession {
    if (this.disposed) throw cancelledError('the engine client was disposed');
    if (this.session) return this.session;
    if (this.failure) throw this.failure;
    return this.startSession({ kind: 'starting' });
  }

  private startSession(status: EngineStatus): WorkerSession {
    const session = new WorkerSession(
      this.workerFactory(),
      this.preference,
      (s, reason) => this.onTrouble(s, reason),
      this.liveness,
    );
    this.session = session;
    this.info = null;
    this.emit(status);
    session.ready = this.prepare(session);
    session.ready.then(
      (info) => {
        if (this.session !== session) return;
        this.info = info;
        this.failure = null;
        this.emit({ kind: 'ready', backend: info });
      },
      (e: unknown) => {
        if (this.session !== session || e instanceof WorkerLost) return;
        this.failure = callErrorOf(e);
        this.emit({ kind: 'failed', message: this.failure.message });
      },
    );
    return session;
  }

  /** init with the session's preference, then every model that was loaded, in load order. */
  private async prepare(session: WorkerSession): Promise<BackendInfo> {
    const info = await session.race(session.api.init({ backend: session.preference }));
    for (const [id, { manifest, baseUrl }] of [...this.models]) {
      try {
        await session.race(session.api.loadModel(manifest, baseUrl));
      } catch (e) {
        if (e instanceof WorkerLost) throw e;
        // calls on this model now fail with 'model-not-loaded'; the others go on
        this.models.delete(id);
        console.warn(`engine restart: model ${id} did not load again:`, e);
      }
    }
    return info;
  }

  private replaceSession(reason: string): Promise<BackendInfo> {
    const previous = this.session;
    this.failure = null;
    this.crashTimes.length = 0;
    this.startSession(previous ? { kind: 'restarting', reason } : { kind: 'starting' });
    // running calls see WorkerLost (not a crash) and replay on the new worker
    previous?.end(reason, false);
    return this.readyInfo();
  }

  /** The worker died, stopped answering or lost its GPU: replace it, unless it keeps failing. */
  private onTrouble(session: WorkerSession, reason: string): void {
    if (session !== this.session || this.disposed) return;
    session.end(reason, true);
    const now = Date.now();
    this.crashTimes.push(now);
    while ((this.crashTimes[0] ?? now) < now - CRASH_WINDOW_MS) this.crashTimes.shift();
    if (this.crashTimes.length > MAX_CRASHES) {
      this.session = null;
      this.info = null;
      this.failure = new EngineCallError(
        'internal',
        `the engine worker failed ${this.crashTimes.length} times in a minute (last: ${reason})`,
      );
      this.emit({ kind: 'failed', message: this.failure.message });
      return;
    }
    this.startSession({ kind: 'restarting', reason });
  }

  /** The backend info of the current worker once it is ready, across restarts while waiting. */
  private async readyInfo(): Promise<BackendInfo> {
    for (;;) {
      const session = this.currentSession();
      try {
        return await session.ready;
      } catch (e) {
        if (e instanceof WorkerLost && this.session !== session) continue;
        throw callErrorOf(e);
      }
    }
  }

  // ---- helpers ----

  private resolveBase(baseUrl: string): string {
    const page = this.options.baseUrl ?? globalThis.location?.href;
    try {
      return new URL(baseUrl, page).href;
    } catch {
      throw new EngineCallError('invalid-argument', `model base URL '${baseUrl}' is not a URL`);
    }
  }

  private forgetEnsemblesOf(memberId: string): void {
    for (const [id, known] of [...this.models]) {
      if (known.manifest.members?.includes(memberId)) {
        this.models.delete(id);
        this.forgetEnsemblesOf(id);
      }
    }
  }

  private emit(status: EngineStatus): void {
    this.latestStatus = status;
    for (const listener of [...this.statusListeners]) {
      try {
        listener(status);
      } catch (e) {
        console.error('engine status listener failed:', e);
      }
    }
  }
}

/** Creates the engine bridge; the worker starts on the first call or on init(). */
export function createEngineClient(options: EngineClientOptions = {}): EngineBridge {
  return new BridgeClient(options);
}
