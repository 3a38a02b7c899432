/**
 * A Worker-shaped object whose "worker side" runs in this thread, behind a MessageChannel: the
 * client's tests (and Node tools) use it where no real Worker exists. Messages still go through
 * structured clone and transfer lists. terminate() closes the channel, so calls in flight never
 * answer, as with a real dead worker; fail(), hang(), closeItself() and stall() imitate a crash,
 * a freeze, a worker that called self.close() and one busy in a long synchronous step.
 */
export class InProcessWorker extends EventTarget {
  private readonly main: MessagePort;
  private readonly inner: MessagePort;
  private state: 'running' | 'hung' | 'closed' | 'stalled' | 'terminated' = 'running';
  /** messages for the worker side that wait while it is stalled */
  private held: { message: unknown; transfer: Transferable[] }[] = [];

  /** `start` receives the worker side's port: expose an engine on it, post events through it. */
  constructor(start: (port: MessagePort) => void) {
    super();
    const { port1, port2 } = new MessageChannel();
    this.main = port1;
    this.inner = port2;
    port1.addEventListener('message', (event: MessageEvent) => {
      // what a stalled worker posted just before its long step still arrives
      if (this.state !== 'running' && this.state !== 'stalled') return;
      this.dispatchEvent(new MessageEvent('message', { data: event.data as unknown }));
    });
    port1.start();
    start(port2);
  }

  get terminated(): boolean {
    return this.state === 'terminated';
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    if (this.state === 'stalled') this.held.push({ message, transfer });
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

  /** The worker ends itself (self.close()): silence, and no 'error' event. */
  closeItself(): void {
    if (this.state === 'running') this.state = 'closed';
  }

  /**
   * The worker side is busy in one synchronous step until resume(): what the main side posts
   * waits, as in the worker's message queue (the worker side cannot post meanwhile either).
   */
  stall(): void {
    if (this.state === 'running') this.state = 'stalled';
  }

  resume(): void {
    if (this.state !== 'stalled') return;
    this.state = 'running';
    for (const { message, transfer } of this.held.splice(0))
      this.main.postMessage(message, transfer);
  }

  /** The Worker type the client's workerFactory returns; the members it uses are all here. */
  asWorker(): Worker {
    return this as unknown as Worker;
  }
}
