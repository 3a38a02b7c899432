/**
 * What an eps-sweep (Fig. 4) shows, as numbers: the class at ε = 0, the first ε along the
 * attack direction where the class changes, and how straight each logit is in ε: the largest
 * distance of its curve from its least-squares line, as a share of the height of the whole chart
 * (all logits' range). R² would call a nearly flat curve with a small kink "not straight"; the
 * reader sees it against the chart, so that is the scale used. The tour and the explorer's
 * caption both quote these.
 */

export interface SweepLike {
  /** the grid, ascending, symmetric around 0 */
  eps: ArrayLike<number>;
  numClasses: number;
  /** points x numClasses, row-major */
  logits: ArrayLike<number>;
  predictedClass: ArrayLike<number>;
}

export interface SweepFacts {
  /** the class at the grid point nearest ε = 0 */
  cleanClass: number;
  /** the smallest ε > 0 where the class differs from cleanClass; null if it never does */
  flipEps: number | null;
  /** the class at flipEps */
  flipClass: number | null;
  /** per class: max |logit − its straight-line fit| / (largest − smallest logit on the chart) */
  deviation: number[];
  /** the largest of `deviation` */
  worstDeviation: number;
}

/** The largest |y_i − (a + b x_i)| over the least-squares line a + b x. */
export function maxLineResidual(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = Math.min(x.length, y.length);
  if (n < 2) return 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] ?? 0;
    my += y[i] ?? 0;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - mx;
    sxx += dx * dx;
    sxy += dx * ((y[i] ?? 0) - my);
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const fit = my + slope * ((x[i] ?? 0) - mx);
    worst = Math.max(worst, Math.abs((y[i] ?? 0) - fit));
  }
  return worst;
}

function nearestToZero(eps: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < eps.length; i++) {
    if (Math.abs(eps[i] ?? Infinity) < Math.abs(eps[best] ?? Infinity)) best = i;
  }
  return best;
}

export function sweepFacts(sweep: SweepLike): SweepFacts {
  const points = sweep.eps.length;
  const zero = nearestToZero(sweep.eps);
  const cleanClass = sweep.predictedClass[zero] ?? -1;
  let flipEps: number | null = null;
  let flipClass: number | null = null;
  for (let i = zero + 1; i < points; i++) {
    const cls = sweep.predictedClass[i] ?? -1;
    if (cls !== cleanClass) {
      flipEps = sweep.eps[i] ?? null;
      flipClass = cls;
      break;
    }
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < points * sweep.numClasses; i++) {
    const z = sweep.logits[i] ?? 0;
    lo = Math.min(lo, z);
    hi = Math.max(hi, z);
  }
  const height = hi > lo ? hi - lo : 1;
  const deviation: number[] = [];
  const column = new Float64Array(points);
  for (let c = 0; c < sweep.numClasses; c++) {
    for (let i = 0; i < points; i++) column[i] = sweep.logits[i * sweep.numClasses + c] ?? 0;
    deviation.push(maxLineResidual(sweep.eps, column) / height);
  }
  return { cleanClass, flipEps, flipClass, deviation, worstDeviation: Math.max(...deviation) };
}
