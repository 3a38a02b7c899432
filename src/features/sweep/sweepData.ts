/**
 * Pure helpers of the eps-sweep view: which numbers of a SweepResult go where. They select and
 * index the engine's numbers; they never compute new ones.
 */

export type SweepMode = 'logits' | 'probabilities';

/** The parts of a SweepResult these helpers read. */
export interface SweepSeries {
  eps: ArrayLike<number>;
  numClasses: number;
  logits: ArrayLike<number>;
  probabilities: ArrayLike<number>;
  predictedClass: ArrayLike<number>;
}

/** The plotted values of class `cls` at every eps point (a strided copy of the result). */
export function classSeries(result: SweepSeries, mode: SweepMode, cls: number): Float32Array {
  const values = mode === 'logits' ? result.logits : result.probabilities;
  const k = result.numClasses;
  const out = new Float32Array(result.eps.length);
  for (let i = 0; i < out.length; i++) out[i] = values[i * k + cls] ?? NaN;
  return out;
}

/** y-domain: [0, 1] for probabilities; the finite min and max of the plotted classes for logits. */
export function valueExtent(
  result: SweepSeries,
  mode: SweepMode,
  classes: readonly number[],
): [number, number] {
  if (mode === 'probabilities') return [0, 1];
  let lo = Infinity;
  let hi = -Infinity;
  for (const cls of classes) {
    for (const v of classSeries(result, mode, cls)) {
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return [-1, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

/** Index of the grid point nearest to `target` on an ascending eps grid. */
export function nearestIndex(eps: ArrayLike<number>, target: number): number {
  const n = eps.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((eps[mid] ?? 0) <= target) lo = mid;
    else hi = mid;
  }
  return Math.abs((eps[hi] ?? 0) - target) < Math.abs(target - (eps[lo] ?? 0)) ? hi : lo;
}

/**
 * Grid points for the strip of perturbed inputs: the points nearest to `count` evenly spaced eps
 * values over the whole range (fewer when the grid itself has fewer points).
 */
export function stripIndices(eps: ArrayLike<number>, count: number): number[] {
  const n = eps.length;
  if (n === 0 || count < 1) return [];
  const first = eps[0] ?? 0;
  const last = eps[n - 1] ?? 0;
  const indices: number[] = [];
  for (let j = 0; j < count; j++) {
    const target = count === 1 ? (first + last) / 2 : first + ((last - first) * j) / (count - 1);
    const index = nearestIndex(eps, target);
    if (indices[indices.length - 1] !== index) indices.push(index);
  }
  return indices;
}

/**
 * Classes to draw: all of them for up to `limit` classes; otherwise the true class, every class
 * the model predicts somewhere on the sweep, then the classes with the highest peak logit, up to
 * `limit` (a 1000-class chart is unreadable).
 */
export function plottedClasses(
  result: SweepSeries,
  trueLabel: number | null,
  limit = 20,
): number[] {
  const k = result.numClasses;
  if (k <= limit) return Array.from({ length: k }, (_, c) => c);
  const chosen = new Set<number>();
  if (trueLabel !== null && trueLabel >= 0 && trueLabel < k) chosen.add(trueLabel);
  for (let i = 0; i < result.predictedClass.length && chosen.size < limit; i++) {
    chosen.add(result.predictedClass[i] ?? 0);
  }
  const peaks = Array.from({ length: k }, (_, c) => {
    let peak = -Infinity;
    for (let i = 0; i < result.eps.length; i++)
      peak = Math.max(peak, result.logits[i * k + c] ?? -Infinity);
    return { c, peak };
  }).sort((a, b) => b.peak - a.peak);
  for (const { c } of peaks) {
    if (chosen.size >= limit) break;
    chosen.add(c);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** Short accessible description of the chart. */
export function describeSweep(
  result: SweepSeries,
  mode: SweepMode,
  classNames: readonly string[],
  trueLabel: number | null,
  shownClasses: number,
): string {
  const n = result.eps.length;
  const from = result.eps[0] ?? 0;
  const to = result.eps[n - 1] ?? 0;
  const quantity = mode === 'logits' ? 'Logits' : 'Probabilities';
  const truth =
    trueLabel !== null
      ? ` The true class, ${classNames[trueLabel] ?? trueLabel}, is drawn thicker.`
      : '';
  return (
    `${quantity} of ${shownClasses} of ${result.numClasses} classes at ${n} values of eps from ` +
    `${from} to ${to} along the sign of the loss gradient.${truth}`
  );
}
