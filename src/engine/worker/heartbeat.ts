/**
 * The worker's side of the liveness check: it answers the client's pings whenever its event
 * loop is free, and announces work that may keep it busy (one synchronous tfjs step cannot be
 * interrupted to answer), with the estimated length of its longest synchronous stretch. The
 * client allows that much silence, times a margin, before it declares the worker hung
 * (src/engine/bridge/liveness.ts).
 */
import { isHeartbeatPing, type WorkerEvent } from '../protocol';

/** Where the engine announces its work (engine.ts calls it around every call that computes). */
export interface WorkSignal {
  /** announces work whose longest synchronous stretch may take `expectedMs`; returns its end */
  begin(expectedMs: number): () => void;
}

/** The worker's global scope or, in tests, its side of a MessageChannel. */
export interface HeartbeatEndpoint {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  postMessage(message: WorkerEvent): void;
}

/** The work running now, announced through `announce` as it starts. */
export class WorkTracker implements WorkSignal {
  private readonly running = new Map<number, number>();
  private next = 0;

  constructor(private readonly announce: (busyMs: number) => void) {}

  /** the estimated longest synchronous stretches of the work running now, summed (ms) */
  busyMs(): number {
    let sum = 0;
    for (const ms of this.running.values()) sum += ms;
    return Math.round(sum);
  }

  begin(expectedMs: number): () => void {
    const id = this.next++;
    this.running.set(id, Math.max(0, expectedMs));
    this.announce(this.busyMs());
    return () => {
      this.running.delete(id);
    };
  }
}

/** Answers the pings that arrive on `endpoint` there, with the work running now. */
export function answerPings(endpoint: HeartbeatEndpoint, busyMs: () => number): void {
  endpoint.addEventListener('message', (event) => {
    const data: unknown = event.data;
    if (isHeartbeatPing(data))
      endpoint.postMessage({ type: 'engine-pong', seq: data.seq, busyMs: busyMs() });
  });
}

/** Answers pings on `endpoint`; the returned signal announces the engine's work there. */
export function answerHeartbeats(endpoint: HeartbeatEndpoint): WorkSignal {
  const work = new WorkTracker((busyMs) => endpoint.postMessage({ type: 'engine-busy', busyMs }));
  answerPings(endpoint, () => work.busyMs());
  return work;
}
