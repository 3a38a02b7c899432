/**
 * The client's calls from submit to settle: abort through a signal, latest-wins channels, and
 * replay on the next worker when the one a call runs on is lost (up to a number of crashes).
 * Which worker that is, the client decides (client.ts); this only runs jobs on it.
 */
import { EngineCallError, type CallOptions } from '../clientApi';
import type { OperationName } from '../operations';
import { LatestWinsChannels } from './channels';
import { cancelledError, Job, toCallError, type Invoke, type JobHandle } from './job';
import { WorkerLost, type WorkerSession } from './session';

export interface CallHost {
  /** the session to run on now; throws when there is none to be had (disposed, failed) */
  currentSession(): WorkerSession;
  /** the current session when it started with no models to reload */
  readonly emptySession: WorkerSession | null;
  readonly disposed: boolean;
  /** a call broke the session's backend ('engine-failed'): replace the worker */
  engineBroken(session: WorkerSession, reason: string): void;
}

function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.message ? `aborted: ${reason.message}` : 'aborted';
}

/** Arguments the structured clone cannot copy are the caller's mistake, not the engine's. */
export function callErrorOf(e: unknown): EngineCallError {
  if (e instanceof Error && e.name === 'DataCloneError') {
    return new EngineCallError(
      'invalid-argument',
      `argument cannot be sent to the worker: ${e.message}`,
    );
  }
  return toCallError(e);
}

export class CallRunner {
  private nextRequestId = 1;
  private readonly pending = new Set<JobHandle>();
  private readonly channels = new LatestWinsChannels((job) => this.stopInWorker(job));

  constructor(
    private readonly host: CallHost,
    /** worker failures one call survives by being replayed before it gives up */
    private readonly maxReplays: number,
    /** told of every result delivered to its caller */
    private readonly onDelivered: (operation: OperationName, value: unknown) => void,
  ) {}

  /** Runs `invoke` on the current worker (again on the next one after a crash) until it settles. */
  submit<T>(
    operation: OperationName,
    options: CallOptions | undefined,
    long: boolean,
    invoke: Invoke<T>,
  ): Promise<T> {
    const job = new Job<T>(this.nextRequestId++, operation, long, invoke);
    if (this.host.disposed) {
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

  /** Rejects every call not settled yet. */
  rejectAll(why: string): void {
    for (const job of [...this.pending]) job.reject(cancelledError(why));
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
        const session = this.host.currentSession();
        // a first model load goes out at once: its files download while the backend starts
        if (job.operation !== 'loadModel' || session !== this.host.emptySession) {
          await session.race(session.ready);
        }
        if (job.settled) return;
        job.session = session;
        const attempt = Promise.resolve().then(() => job.invoke(session.api, job));
        const value = await session.race(attempt);
        if (job.resolve(value)) this.onDelivered(job.operation, value);
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
        const error = callErrorOf(e);
        job.reject(error);
        // the backend is broken: a new worker, the models again, and the other calls replayed
        if (error.code === 'engine-failed' && job.session) {
          this.host.engineBroken(job.session, error.message);
        }
        return;
      } finally {
        job.session = null;
      }
    }
  }

  /** Stops a long call inside the worker once nobody wants its result. */
  private stopInWorker(job: JobHandle): void {
    const session = job.session;
    if (!job.long || !session || session.isEnded) return;
    session.race(session.api.cancel(job.requestId)).catch(() => undefined);
  }
}
