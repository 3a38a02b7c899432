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

/** Answers pings on `endpoint`; the returned signal announces the engine's work there. */
export function answerHeartbeats(endpoint: HeartbeatEndpoint): WorkSignal {
  const running = new Map<number, number>();
  let next = 0;
  const busyMs = (): number => {
    let sum = 0;
    for (const ms of running.values()) sum += ms;
    return Math.round(sum);
  };
  endpoint.addEventListener('message', (event) => {
    const data: unknown = event.data;
    if (isHeartbeatPing(data))
      endpoint.postMessage({ type: 'engine-pong', seq: data.seq, busyMs: busyMs() });
  });
  return {
    begin(expectedMs) {
      const id = next++;
      running.set(id, Math.max(0, expectedMs));
      endpoint.postMessage({ type: 'engine-busy', busyMs: busyMs() });
      return () => {
        running.delete(id);
      };
    },
  };
}
