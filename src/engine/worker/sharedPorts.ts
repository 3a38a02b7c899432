/**
 * The shared engine's side of its ports (sharedEntry.ts runs it; tests run it in-process): each
 * port gets its own connection (sharedConnection.ts) exposed through comlink, its pings are
 * answered on that port, and work announcements and device loss go to every port (one
 * explorer's call keeps the engine busy for all). A client says goodbye before it closes its
 * port ('engine-disconnect'): its long calls stop and its models are let go. A client that went
 * without one (its page crashed, or was frozen and discarded) is let go the same way once its
 * port has been silent for `silentMs`: a living client pings every second, at least once a
 * minute in a background tab.
 */
import { expose } from 'comlink';
import { isDisconnectMessage, type WorkerEvent } from '../protocol';
import { answerPings, WorkTracker } from './heartbeat';
import type { SharedEngineState } from './sharedConnection';

export interface SharedPortsOptions {
  /** silence after which a port's client counts as gone (default 5 min) */
  silentMs: number;
  now: () => number;
}

const DEFAULTS: SharedPortsOptions = { silentMs: 300_000, now: () => performance.now() };

export class SharedPorts {
  /** each port, with what ends its connection and when it was last heard */
  private readonly ports = new Map<MessagePort, { end: () => void; heard: number }>();
  private readonly options: SharedPortsOptions;
  /** the engine's work signal (EngineOptions.work): announced on every port */
  readonly work = new WorkTracker((busyMs) => this.broadcast({ type: 'engine-busy', busyMs }));

  constructor(options: Partial<SharedPortsOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** how many clients are connected now */
  get size(): number {
    return this.ports.size;
  }

  broadcast(event: WorkerEvent): void {
    for (const port of this.ports.keys()) port.postMessage(event);
  }

  /** Lets go of every port silent for longer than silentMs (sharedEntry.ts calls it now and then). */
  sweep(): void {
    const now = this.options.now();
    for (const { end, heard } of [...this.ports.values()]) {
      if (now - heard > this.options.silentMs) end();
    }
  }

  /** Serves one client's port (a SharedWorker 'connect' event's) on `shared`. */
  accept(port: MessagePort, shared: SharedEngineState): void {
    const connection = shared.connect();
    const entry = {
      heard: this.options.now(),
      end: () => {
        this.ports.delete(port);
        connection.close();
        port.close();
      },
    };
    this.ports.set(port, entry);
    answerPings(port, () => this.work.busyMs());
    port.addEventListener('message', (message: MessageEvent) => {
      entry.heard = this.options.now();
      if (isDisconnectMessage(message.data)) entry.end();
    });
    expose(connection.api, port);
    port.start();
  }
}
