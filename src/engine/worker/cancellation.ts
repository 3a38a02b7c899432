/**
 * Cancellation flags for long calls, keyed by the client's request ids. A cancel may overtake
 * the call it cancels (both are messages), so a cancel for an id not seen yet is remembered;
 * ids only grow, so a cancel for an id below every started one is stale and dropped.
 */
export class CancelRegistry {
  private readonly running = new Set<number>();
  private readonly cancelled = new Set<number>();
  private highestStarted = -Infinity;

  /** Registers a call; the returned function says whether it has been cancelled. */
  begin(requestId: number): () => boolean {
    this.running.add(requestId);
    this.highestStarted = Math.max(this.highestStarted, requestId);
    return () => this.cancelled.has(requestId);
  }

  end(requestId: number): void {
    this.running.delete(requestId);
    this.cancelled.delete(requestId);
  }

  cancel(requestId: number): void {
    if (!Number.isFinite(requestId)) return;
    if (this.running.has(requestId) || requestId > this.highestStarted) {
      this.cancelled.add(requestId);
    }
  }

  /** how many flags are held (for tests: finished calls leave none behind) */
  get size(): number {
    return this.cancelled.size;
  }
}
