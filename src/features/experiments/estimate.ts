/**
 * The time left of an experiment, from its progress reports. Elapsed × (1 − f) / f counts model
 * loading and the first, compiling chunk as if every later chunk cost as much (it said 4m57s
 * for a 21 s run); this measures the rate of actual progress since the first chunk ended (over
 * the last minute at most: stages of a run differ in cost, so a short window swings), and says
 * nothing until there is enough of it.
 */

/** the rate is measured over this much recent time */
const WINDOW_MS = 60_000;
/** no estimate before the work has progressed this far and this long */
const MIN_FRACTION = 0.02;
const MIN_SPAN_MS = 1_000;

interface Sample {
  at: number;
  fraction: number;
}

export class RemainingTime {
  private samples: Sample[] = [];

  /** A progress report: `fraction` of the work done at time `at` (ms). */
  add(at: number, fraction: number): void {
    if (fraction < (this.samples.at(-1)?.fraction ?? 0)) this.samples = [];
    // only moments of progress count: waiting before the first chunk is not the work's rate
    if (fraction <= 0 || fraction === this.samples.at(-1)?.fraction) return;
    this.samples.push({ at, fraction });
    const cutoff = at - WINDOW_MS;
    // keep one sample older than the window, so the window is always spanned
    while (this.samples.length > 2 && (this.samples[1]?.at ?? Infinity) <= cutoff)
      this.samples.shift();
  }

  /** Milliseconds left at time `now`, or null while there is too little to tell. */
  estimate(now: number): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last === first) return null;
    if (last.fraction < MIN_FRACTION || last.at - first.at < MIN_SPAN_MS) return null;
    const rate = (last.fraction - first.fraction) / (last.at - first.at);
    if (!(rate > 0)) return null;
    return Math.max(0, (1 - last.fraction) / rate - (now - last.at));
  }
}
