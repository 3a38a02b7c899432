/**
 * The engine shared by the explorers of a page: a SharedWorker (worker/sharedEntry.ts) where the
 * browser has one, seen by the client as a Worker. Each backend preference has its own shared
 * engine (the worker's name), so explorers asking for different backends never change each
 * other's. A page cannot end a shared worker, so a client whose engine failed, stopped answering
 * or was restarted on purpose gets a worker of its own from then on: one explorer's trouble
 * never takes the others' engine down, and a broken shared engine is not joined again.
 */
import type { BackendName } from './api';
import type { DisconnectMessage } from './protocol';

/** Makes the worker for a session (client.ts, EngineClientOptions.workerFactory). */
export type WorkerFactory = (preference: BackendName | 'auto', replacingFailed: boolean) => Worker;

/**
 * A SharedWorker's port as the Worker the client expects. terminate() says goodbye (the engine
 * stops this client's calls and lets its models go) and closes the port; the engine goes on for
 * the others.
 */
export function portAsWorker(shared: SharedWorker): Worker {
  const { port } = shared;
  // a script that fails to load is reported on the SharedWorker, everything else on the port
  const target = (type: string): EventTarget => (type === 'error' ? shared : port);
  let closed = false;
  const worker = {
    postMessage: (message: unknown, transfer: Transferable[] = []) => {
      if (!closed) port.postMessage(message, transfer);
    },
    addEventListener: (type: string, listener: EventListener, options?: AddEventListenerOptions) =>
      target(type).addEventListener(type, listener, options),
    removeEventListener: (type: string, listener: EventListener) =>
      target(type).removeEventListener(type, listener),
    terminate: () => {
      if (closed) return;
      closed = true;
      const goodbye: DisconnectMessage = { type: 'engine-disconnect' };
      port.postMessage(goodbye);
      port.close();
    },
  };
  port.start();
  // the members the client uses are all here
  return worker as unknown as Worker;
}

/**
 * Whether this document may keep storage. A browser that refuses it storage (an iframe on
 * another site than the page, where third-party storage is blocked and not partitioned) refuses
 * it a SharedWorker too, and says so only by an 'error' event once the worker was asked for.
 */
export function storageAllowed(scope: { readonly localStorage: Storage }): boolean {
  try {
    return scope.localStorage !== null;
  } catch {
    return false;
  }
}

/** What sharedFirst needs of the page (tests pass their own). */
export interface SharedWorkerHost {
  /** whether the browser has SharedWorker at all */
  hasSharedWorker(): boolean;
  /** the shared engine for this preference (throws where the browser refuses it) */
  connect(name: string): SharedWorker;
  readonly localStorage: Storage;
}

/** This page's: the engine's SharedWorker script (Vite bundles it from this very expression). */
const pageHost: SharedWorkerHost = {
  hasSharedWorker: () => typeof SharedWorker !== 'undefined',
  connect: (name) =>
    new SharedWorker(new URL('./worker/sharedEntry.ts', import.meta.url), {
      type: 'module',
      name,
    }),
  get localStorage() {
    return globalThis.localStorage;
  },
};

/**
 * The page's shared engine for each session (its name carries the backend preference), or
 * `dedicated` where the browser has no SharedWorker or would refuse one, and from the first
 * replacement of a failed or restarted session on (a refused shared worker ends that way too:
 * an 'error' event, then a worker of its own).
 */
export function sharedFirst(
  dedicated: () => Worker,
  host: SharedWorkerHost = pageHost,
): WorkerFactory {
  let onOwn = false;
  return (preference, replacingFailed) => {
    if (replacingFailed) onOwn = true;
    if (onOwn || !host.hasSharedWorker() || !storageAllowed(host)) return dedicated();
    try {
      return portAsWorker(host.connect(`adversarial-explorer-engine:${preference}`));
    } catch (e) {
      console.warn('adversarial-explorer: no shared engine here, using a worker of its own:', e);
      return dedicated();
    }
  };
}
