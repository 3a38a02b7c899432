/**
 * A Worker-shaped object whose "worker side" runs in this thread, behind a MessageChannel: the
 * client's tests (and Node tools) use it where no real Worker exists. Messages still go through
 * structured clone and transfer lists. terminate() closes the channel, so calls in flight never
 * answer, as with a real dead worker; fail() and hang() imitate a crash and a freeze.
 */
export class InProcessWorker extends EventTarget {
  private readonly main: MessagePort;
  private readonly inner: MessagePort;
  private state: 'running' | 'hung' | 'terminated' = 'running';

  /** `start` receives the worker side's port: expose an engine on it, post events through it. */
  constructor(start: (port: MessagePort) => void) {
    super();
    const { port1, port2 } = new MessageChannel();
    this.main = port1;
    this.inner = port2;
    port1.addEventListener('message', (event: MessageEvent) => {
      if (this.state !== 'running') return;
      this.dispatchEvent(new MessageEvent('message', { data: event.data as unknown }));
    });
    port1.start();
    start(port2);
  }

  get terminated(): boolean {
    return this.state === 'terminated';
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    if (this.state !== 'running') return;
    this.main.postMessage(message, transfer);
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.main.close();
    this.inner.close();
  }

  /** An uncaught error inside the worker: the 'error' event a real Worker fires. */
  fail(message: string): void {
    const event = new Event('error', { cancelable: true });
    Object.defineProperty(event, 'message', { value: message });
    this.dispatchEvent(event);
  }

  /** From now on nothing gets through in either direction, as with a worker stuck in a loop. */
  hang(): void {
    if (this.state === 'running') this.state = 'hung';
  }

  /** The Worker type the client's workerFactory returns; the members it uses are all here. */
  asWorker(): Worker {
    return this as unknown as Worker;
  }
}
