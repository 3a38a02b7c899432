/**
 * Named points of the cold start (performance marks, prefix 'ae:'), in the page and in the engine
 * worker alike. They cost next to nothing and let `bench/coldStart.ts` (and a browser's
 * performance panel) show where the time to the first prediction goes.
 */
export const MARK_PREFIX = 'ae:';

/** Marks `name` once per context: a restart or a second embed does not move the first point. */
export function markStartup(name: string): void {
  const perf = globalThis.performance;
  if (typeof perf?.mark !== 'function') return;
  const full = MARK_PREFIX + name;
  if (perf.getEntriesByName(full, 'mark').length > 0) return;
  perf.mark(full);
}
