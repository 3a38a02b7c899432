/**
 * The client's side of the liveness check. It pings the worker every `pingMs`; the worker
 * answers whenever its event loop is free (worker/heartbeat.ts), and announces the work that may
 * keep it from answering, with the estimated length of its longest synchronous stretch. Any
 * message from the worker counts as a sign of life. The worker is declared dead or hung after
 *
 *   quietMs + busyMargin * (the work it said it was busy with)
 *
 * of silence: an idle worker that closed itself or froze is noticed within about quietMs, a
 * worker in a long announced step is left alone until its estimate, times the margin, is spent.
 */
import { isWorkerEvent, type HeartbeatPing } from '../protocol';

export interface LivenessOptions {
  /** how often the client pings the worker (default 1000) */
  pingMs: number;
  /** silence allowed beyond the announced work (default 3500: notices an idle death in < 5 s) */
  quietMs: number;
  /** announced work may take this many times its estimate (default 3: a busier machine) */
  busyMargin: number;
  /** silence allowed before the worker's first message: loading its script (default 30000) */
  startupMs: number;
}

export const DEFAULT_LIVENESS: LivenessOptions = {
  pingMs: 1_000,
  quietMs: 3_500,
  busyMargin: 3,
  startupMs: 30_000,
};

/** Checks this often; a check this many times later than due means the page itself stalled. */
const CHECKS_PER_PING = 4;
const STALLED_FACTOR = 4;

export class LivenessMonitor {
  private lastHeard: number;
  private heardOnce = false;
  private busyMs = 0;
  private lastPing = -Infinity;
  private lastCheck: number;
  private seq = 0;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly onMessage = (event: MessageEvent): void => this.heard(event.data);
  private readonly checkMs: number;

  constructor(
    private readonly worker: Worker,
    private readonly options: LivenessOptions,
    /** called once, when the worker has been silent too long */
    private readonly onSilent: (reason: string) => void,
  ) {
    const now = performance.now();
    this.lastHeard = now;
    this.lastCheck = now;
    this.checkMs = Math.max(1, options.pingMs / CHECKS_PER_PING);
    worker.addEventListener('message', this.onMessage);
    this.timer = setInterval(() => this.check(), this.checkMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.worker.removeEventListener('message', this.onMessage);
  }

  private heard(data: unknown): void {
    this.lastHeard = performance.now();
    this.heardOnce = true;
    if (isWorkerEvent(data) && data.type !== 'engine-device-lost') this.busyMs = data.busyMs;
  }

  private check(): void {
    const now = performance.now();
    // the page itself was stalled (or throttled in the background): what the worker sent
    // meanwhile may still wait in the queue, so this silence is not the worker's
    if (now - this.lastCheck > STALLED_FACTOR * this.checkMs) this.lastHeard = now;
    this.lastCheck = now;
    if (now - this.lastPing >= this.options.pingMs) {
      this.lastPing = now;
      const ping: HeartbeatPing = { type: 'engine-ping', seq: this.seq++ };
      this.worker.postMessage(ping);
    }
    const { quietMs, startupMs, busyMargin } = this.options;
    const allowed = (this.heardOnce ? quietMs : startupMs) + busyMargin * this.busyMs;
    const silent = now - this.lastHeard;
    if (silent <= allowed) return;
    this.stop();
    const what = this.heardOnce ? 'did not answer' : 'did not start';
    this.onSilent(`the engine worker ${what} for ${(silent / 1000).toFixed(1)} s`);
  }
}
