/**
 * One engine worker from start to end. Every call made through a session is raced against
 * `lost`, which rejects with WorkerLost when the session ends (crash, device loss, silence,
 * replacement), because a terminated or dead worker never answers. A liveness monitor notices a
 * worker that ends or freezes without an 'error' event (liveness.ts).
 */
import { wrap, type Remote } from 'comlink';
import type { BackendInfo } from '../api';
import type { EngineApi } from '../operations';
import { isWorkerEvent } from '../protocol';
import { LivenessMonitor, type LivenessOptions } from './liveness';

export class WorkerLost extends Error {
  constructor(
    readonly reason: string,
    /** true when the worker failed; false when the client replaced it on purpose */
    readonly crashed: boolean,
  ) {
    super(reason);
    this.name = 'WorkerLost';
  }
}

export class WorkerSession {
  readonly api: Remote<EngineApi>;
  readonly lost: Promise<never>;
  /** init and model reloads; set by the client right after construction */
  ready: Promise<BackendInfo> = Promise.reject(new Error('session not started'));
  private ended = false;
  private endWith!: (lost: WorkerLost) => void;
  private readonly monitor: LivenessMonitor | null;
  private readonly onError: (event: Event) => void;
  private readonly onMessageError: () => void;
  private readonly onMessage: (event: MessageEvent) => void;

  constructor(
    readonly worker: Worker,
    readonly preference: BackendInfo['active'] | 'auto',
    /** called when the worker reports a fatal problem or falls silent */
    onTrouble: (session: WorkerSession, reason: string) => void,
    /** null: no liveness monitor (tests of other things) */
    liveness: LivenessOptions | null,
  ) {
    this.lost = new Promise<never>((_, reject) => {
      this.endWith = reject;
    });
    this.lost.catch(() => undefined);
    this.ready.catch(() => undefined);
    this.onError = (event) => {
      event.preventDefault();
      const message = (event as ErrorEvent).message;
      onTrouble(this, `the engine worker failed${message ? `: ${message}` : ''}`);
    };
    this.onMessageError = () => onTrouble(this, 'a reply from the engine worker could not be read');
    this.onMessage = (event) => {
      const data: unknown = event.data;
      if (isWorkerEvent(data) && data.type === 'engine-device-lost') onTrouble(this, data.message);
    };
    worker.addEventListener('error', this.onError);
    worker.addEventListener('messageerror', this.onMessageError);
    worker.addEventListener('message', this.onMessage);
    this.api = wrap<EngineApi>(worker);
    this.monitor = liveness
      ? new LivenessMonitor(worker, liveness, (reason) => onTrouble(this, reason))
      : null;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** `work`, unless the session ends first (then WorkerLost). */
  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.lost]);
  }

  /** Ends the session: pending calls reject with WorkerLost, the worker is terminated. */
  end(reason: string, crashed: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.endWith(new WorkerLost(reason, crashed));
    this.worker.removeEventListener('error', this.onError);
    this.worker.removeEventListener('messageerror', this.onMessageError);
    this.worker.removeEventListener('message', this.onMessage);
    this.monitor?.stop();
    this.worker.terminate();
  }
}
