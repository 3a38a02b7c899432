/** Reads the points of a d3 line path ("M x,y L x,y ..." with straight segments). */
export function pathPoints(d: string): [number, number][] {
  const numbers = (d.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi) ?? []).map(Number);
  const points: [number, number][] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) {
    points.push([numbers[i] ?? NaN, numbers[i + 1] ?? NaN]);
  }
  return points;
}

/** The affine map t -> a t + b through the first and last (t, s) pairs, and its worst residual
 * over all pairs: how far the drawn coordinates are from a linear scale of the data. */
export function affineResidual(t: readonly number[], s: readonly number[]): number {
  let lo = 0;
  let hi = 0;
  for (let i = 1; i < t.length; i++) {
    if ((t[i] ?? 0) < (t[lo] ?? 0)) lo = i;
    if ((t[i] ?? 0) > (t[hi] ?? 0)) hi = i;
  }
  const t0 = t[lo] ?? 0;
  const t1 = t[hi] ?? 0;
  const s0 = s[lo] ?? 0;
  const s1 = s[hi] ?? 0;
  const a = t1 === t0 ? 0 : (s1 - s0) / (t1 - t0);
  const b = s0 - a * t0;
  return Math.max(...t.map((v, i) => Math.abs(a * v + b - (s[i] ?? NaN))));
}
