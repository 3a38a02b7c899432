/**
 * Latest-wins channels (sliders): per channel at most one call runs and at most one waits. A new
 * call replaces the waiting one (which rejects 'cancelled') and makes the running one stale (it
 * rejects 'cancelled' at once; the worker finishes it, but nobody sees its result). When the
 * running call's work ends, the waiting one starts. Requests are dropped, never queued.
 */
import { cancelledError, type JobHandle } from './job';

interface Entry {
  job: JobHandle;
  /** does the job's work; resolves when the worker is done with it, whatever the outcome */
  run: () => Promise<void>;
}

interface Channel {
  running: Entry | null;
  waiting: Entry | null;
}

export class LatestWinsChannels {
  private readonly channels = new Map<string, Channel>();

  constructor(
    /** tells the worker a running job is stale (long calls can stop early) */
    private readonly onStale: (job: JobHandle) => void,
  ) {}

  submit(name: string, job: JobHandle, run: () => Promise<void>): void {
    const entry: Entry = { job, run };
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { running: null, waiting: null };
      this.channels.set(name, channel);
    }
    if (channel.running === null) {
      this.start(name, channel, entry);
      return;
    }
    channel.waiting?.job.reject(cancelledError(`superseded by a newer call on channel '${name}'`));
    channel.waiting = entry;
    const stale = channel.running.job;
    if (stale.reject(cancelledError(`stale: a newer call on channel '${name}' exists`))) {
      this.onStale(stale);
    }
  }

  /** how many calls each channel holds (running + waiting), for tests and diagnostics */
  size(name: string): number {
    const channel = this.channels.get(name);
    return channel ? Number(channel.running !== null) + Number(channel.waiting !== null) : 0;
  }

  private start(name: string, channel: Channel, entry: Entry): void {
    channel.running = entry;
    void entry.run().finally(() => {
      channel.running = null;
      const next = channel.waiting;
      channel.waiting = null;
      if (next && !next.job.settled) this.start(name, channel, next);
      else if (this.channels.get(name) === channel) this.channels.delete(name);
    });
  }
}
