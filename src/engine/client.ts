/**
 * The one bridge from the main thread to the engine worker (comlink). Every call can be aborted;
 * calls on a channel are latest-wins; when the worker dies or loses its WebGPU device, a new one
 * is started with the same backend preference, the loaded models are loaded again and the calls
 * that were running are replayed. Inputs are copied to the worker (the caller keeps its arrays,
 * and a replay needs them); results' typed arrays are transferred back. The operation methods
 * are derived from the operation table (operations.ts, bridge/operationMethods.ts).
 */
import type { BackendInfo, BackendName, LoadedModelInfo, TimedResult } from './api';
import type { ModelManifest } from '../models/manifest';
import { EngineCallError, type EngineClient, type EngineStatus } from './clientApi';
import { ENGINE_OPERATIONS, type OperationName, type TimedOperation } from './operations';
import type { SomeOperation } from './operationSpec';
import { installEngineErrorTransfer } from './protocol';
import { CallRunner, callErrorOf, type CallHost } from './bridge/calls';
import { cancelledError } from './bridge/job';
import { DEFAULT_LIVENESS, type LivenessOptions } from './bridge/liveness';
import { bridgeOperationMethods } from './bridge/operationMethods';
import { WorkerLost, WorkerSession } from './bridge/session';
import type { BackendMemory } from './bridge/backendMemoryStore';
import type { WorkerFactory } from './sharedWorker';
import { startTraining } from './bridge/training';
import type { TrainingSpec } from './api';
import type { TrainingCallOptions, TrainingHandle } from './clientApi';

export interface EngineClientOptions {
  /**
   * makes the worker for each session (tests pass an in-process one,
   * embeds a shared one: sharedWorker.ts); default: the module worker in ./worker
   */
  workerFactory?: WorkerFactory;
  /** base URL that relative model base URLs are resolved against (default: the page's URL) */
  baseUrl?: string;
  /** worker failures one call survives by being replayed before it gives up (default 2) */
  maxReplays?: number;
  /**
   * The heartbeat that notices a worker that ended or froze without an 'error' event
   * (bridge/liveness.ts; defaults DEFAULT_LIVENESS); false turns it off.
   */
  liveness?: Partial<LivenessOptions> | false;
  /** keeps the measured backend choice between visits (bridge/backendMemoryStore.ts) */
  backendMemory?: BackendMemory;
}

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
  /** replaces the worker now, same backend preference (e.g. "retry" after status 'failed') */
  restart(reason?: string): Promise<BackendInfo>;
}

/** More worker failures than this within CRASH_WINDOW_MS and the client stops restarting. */
const MAX_CRASHES = 3;
const CRASH_WINDOW_MS = 60_000;

/** The engine's module worker, this page's own. */
export function dedicatedEngineWorker(): Worker {
  return new Worker(new URL('./worker/entry.ts', import.meta.url), {
    type: 'module',
    name: 'adversarial-explorer-engine',
  });
}

function isTimed(operation: OperationName): operation is TimedOperation {
  const { flags }: SomeOperation = ENGINE_OPERATIONS[operation];
  return flags.timing === 'reported';
}

interface KnownModel {
  manifest: ModelManifest;
  baseUrl: string;
}

/**
 * The worker's lifetime behind the bridge: sessions, restarts, the models to load again, status
 * and timing. The operation calls themselves run in a CallRunner (bridge/calls.ts).
 */
class BridgeCore implements CallHost {
  private session: WorkerSession | null = null;
  /** the current session when it started with no models to reload */
  emptySession: WorkerSession | null = null;
  private preference: BackendName | 'auto' = 'auto';
  private info: BackendInfo | null = null;
  private latestStatus: EngineStatus | null = null;
  /** set when the engine cannot work until init()/restart(): calls reject with it */
  private failure: EngineCallError | null = null;
  private timing: OperationTiming | null = null;
  disposed = false;
  private readonly crashTimes: number[] = [];
  /** loaded models in load order (ensembles after their members), reloaded after a restart */
  private readonly models = new Map<string, KnownModel>();
  private readonly statusListeners = new Set<(status: EngineStatus) => void>();
  private readonly timingListeners = new Set<(timing: OperationTiming) => void>();
  private readonly workerFactory: WorkerFactory;
  private readonly liveness: LivenessOptions | null;
  readonly calls: CallRunner;

  constructor(private readonly options: EngineClientOptions) {
    installEngineErrorTransfer();
    this.workerFactory = options.workerFactory ?? dedicatedEngineWorker;
    this.liveness =
      options.liveness === false ? null : { ...DEFAULT_LIVENESS, ...options.liveness };
    this.calls = new CallRunner(this, options.maxReplays ?? 2, (operation, value) =>
      this.recordTiming(operation, value),
    );
  }

  init(backend: BackendName | 'auto' = 'auto'): Promise<BackendInfo> {
    if (this.disposed) return Promise.reject(cancelledError('the engine client was disposed'));
    const current = this.session;
    if (current && !current.isEnded && current.preference === backend && !this.failure) {
      return this.readyInfo();
    }
    this.preference = backend;
    return this.replaceSession(`backend preference ${backend}`, false);
  }

  restart(reason = 'restart requested'): Promise<BackendInfo> {
    if (this.disposed) return Promise.reject(cancelledError('the engine client was disposed'));
    return this.replaceSession(reason, true);
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
    const info = await this.calls.submit('loadModel', undefined, false, (api) =>
      api.loadModel(copy, base),
    );
    this.forgetEnsemblesOf(copy.id);
    this.models.set(copy.id, { manifest: copy, baseUrl: base });
    return info;
  }

  async unloadModel(modelId: string): Promise<void> {
    this.models.delete(modelId);
    this.forgetEnsemblesOf(modelId);
    await this.calls.submit('unloadModel', undefined, false, (api) => api.unloadModel(modelId));
  }

  // ---- Training lab (bridge/training.ts) ----
  train(spec: TrainingSpec, dataBaseUrl: string, options?: TrainingCallOptions): TrainingHandle {
    const base = this.resolveBase(dataBaseUrl);
    return startTraining(spec, base, options, (invoke) =>
      this.calls.submit('train', options, true, invoke),
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
    this.calls.rejectAll('the engine client was disposed');
    this.session?.end('the engine client was disposed', false);
    this.session = null;
    this.statusListeners.clear();
    this.timingListeners.clear();
  }

  private recordTiming(operation: OperationName, value: unknown): void {
    if (!isTimed(operation)) return;
    const { ms, backend } = value as TimedResult<unknown>;
    this.timing = { operation, ms, backend };
    for (const listener of [...this.timingListeners]) listener(this.timing);
  }

  // ---- worker lifetime ----

  engineBroken(session: WorkerSession, reason: string): void {
    this.onTrouble(session, reason);
  }

  currentSession(): WorkerSession {
    if (this.disposed) throw cancelledError('the engine client was disposed');
    if (this.session) return this.session;
    if (this.failure) throw this.failure;
    return this.startSession({ kind: 'starting' });
  }

  /** `replacingFailed`: the session it replaces failed, or a restart() lets it go */
  private startSession(status: EngineStatus, replacingFailed = false): WorkerSession {
    const session = new WorkerSession(
      this.workerFactory(this.preference, replacingFailed),
      this.preference,
      (s, reason) => this.onTrouble(s, reason),
      this.liveness,
    );
    this.session = session;
    // with models to reload, loads wait for them (an ensemble after its members)
    this.emptySession = this.models.size === 0 ? session : null;
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
    const remembered = this.options.backendMemory?.load();
    const info = await session.race(
      session.api.init({ backend: session.preference, ...(remembered ? { remembered } : {}) }),
    );
    this.options.backendMemory?.save(info);
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

  private replaceSession(reason: string, replacingFailed: boolean): Promise<BackendInfo> {
    const previous = this.session;
    this.failure = null;
    this.crashTimes.length = 0;
    this.startSession(
      previous ? { kind: 'restarting', reason } : { kind: 'starting' },
      replacingFailed,
    );
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
    this.startSession({ kind: 'restarting', reason }, true);
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
  const core = new BridgeCore(options);
  const operations = bridgeOperationMethods((name, callOptions, long, invoke) =>
    core.calls.submit(name, callOptions, long, invoke),
  );
  return {
    ...operations,
    init: (backend) => core.init(backend),
    restart: (reason) => core.restart(reason),
    backendInfo: () => core.backendInfo(),
    status: () => core.status(),
    lastTiming: () => core.lastTiming(),
    onTiming: (listener) => core.onTiming(listener),
    onStatus: (listener) => core.onStatus(listener),
    loadModel: (manifest, baseUrl) => core.loadModel(manifest, baseUrl),
    unloadModel: (modelId) => core.unloadModel(modelId),
    train: (spec, dataBaseUrl, trainingOptions) => core.train(spec, dataBaseUrl, trainingOptions),
    dispose: () => core.dispose(),
  };
}
