/** Numerical comparison of engine outputs across backends. */

/**
 * max |a_i - b_i| / max(1, max |a|, max |b|): an absolute difference for values of order one,
 * a relative one for large values (logits of a confident model reach tens).
 */
export function scaledMaxDifference(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? NaN;
    const y = b[i] ?? NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return Infinity;
    scale = Math.max(scale, Math.abs(x), Math.abs(y));
    worst = Math.max(worst, Math.abs(x - y));
  }
  return worst / scale;
}

/** Indices where two arrays differ (exactly). */
export function differingIndices(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++)
    if ((values[i] ?? -Infinity) > (values[best] ?? -Infinity)) best = i;
  return best;
}
