/**
 * One engine call as the client tracks it: its promise settles once (a stale or aborted call
 * rejects 'cancelled' at once, even while the worker still works on it), and it remembers the
 * worker session it runs on, so a cancel reaches the right worker.
 */
import type { Remote } from 'comlink';
import type { EngineApi, OperationName } from '../operations';
import { EngineCallError } from '../clientApi';
import type { WorkerSession } from './session';

/** Starts one attempt of the call on a worker (again after a restart). */
export type Invoke<T> = (api: Remote<EngineApi>, job: Job<T>) => Promise<T>;

/** A job seen without its result type (channels, the client's pending set). */
export interface JobHandle {
  readonly requestId: number;
  readonly long: boolean;
  readonly settled: boolean;
  readonly session: WorkerSession | null;
  reject(error: EngineCallError): boolean;
}

export class Job<T> implements JobHandle {
  readonly promise: Promise<T>;
  settled = false;
  /** the session the current attempt runs on (null while waiting) */
  session: WorkerSession | null = null;
  private settle!: { resolve: (value: T) => void; reject: (error: EngineCallError) => void };
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly requestId: number,
    readonly operation: OperationName,
    /** long calls (cross-section, experiments) can be stopped inside the worker */
    readonly long: boolean,
    readonly invoke: Invoke<T>,
  ) {
    this.promise = new Promise<T>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  resolve(value: T): boolean {
    if (this.settled) return false;
    this.finish();
    this.settle.resolve(value);
    return true;
  }

  reject(error: EngineCallError): boolean {
    if (this.settled) return false;
    this.finish();
    this.settle.reject(error);
    return true;
  }

  /** Runs `cleanup` when the job settles (e.g. removing an abort listener). */
  onSettled(cleanup: () => void): void {
    if (this.settled) cleanup();
    else this.cleanups.push(cleanup);
  }

  private finish(): void {
    this.settled = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}

export function cancelledError(why: string): EngineCallError {
  return new EngineCallError('cancelled', why);
}

/** Any failure as an EngineCallError (codes from the worker are already EngineCallErrors). */
export function toCallError(e: unknown): EngineCallError {
  if (e instanceof EngineCallError) return e;
  return new EngineCallError('internal', e instanceof Error ? e.message : String(e));
}
