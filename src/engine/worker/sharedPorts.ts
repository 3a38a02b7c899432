/**
 * The shared engine's side of its ports (sharedEntry.ts runs it; tests run it in-process): each
 * port gets its own connection (sharedConnection.ts) exposed through comlink, its pings are
 * answered on that port, and work announcements and device loss go to every port (one
 * explorer's call keeps the engine busy for all). A client says goodbye before it closes its
 * port ('engine-disconnect'): its long calls stop and its models are let go.
 */
import { expose } from 'comlink';
import { isDisconnectMessage, type WorkerEvent } from '../protocol';
import { answerPings, WorkTracker } from './heartbeat';
import type { SharedEngineState } from './sharedConnection';

export class SharedPorts {
  private readonly ports = new Set<MessagePort>();
  /** the engine's work signal (EngineOptions.work): announced on every port */
  readonly work = new WorkTracker((busyMs) => this.broadcast({ type: 'engine-busy', busyMs }));

  /** how many clients are connected now */
  get size(): number {
    return this.ports.size;
  }

  broadcast(event: WorkerEvent): void {
    for (const port of this.ports) port.postMessage(event);
  }

  /** Serves one client's port (a SharedWorker 'connect' event's) on `shared`. */
  accept(port: MessagePort, shared: SharedEngineState): void {
    const connection = shared.connect();
    this.ports.add(port);
    answerPings(port, () => this.work.busyMs());
    port.addEventListener('message', (message: MessageEvent) => {
      if (!isDisconnectMessage(message.data)) return;
      this.ports.delete(port);
      connection.close();
      port.close();
    });
    expose(connection.api, port);
    port.start();
  }
}
