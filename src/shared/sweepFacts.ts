/**
 * What an eps-sweep (Fig. 4) shows, as numbers: the class at ε = 0, the first ε along the
 * attack direction where the class changes, and how straight each logit is in ε (R² of the
 * least-squares line). The tour and the explorer's caption both quote these.
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
  /** R² of the straight-line fit of each class's logit over the whole grid */
  straightness: number[];
  /** the smallest of `straightness` */
  worstStraightness: number;
}

/** R² of the least-squares line through (x_i, y_i); 1 for a constant y (nothing to explain). */
export function lineFitR2(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = Math.min(x.length, y.length);
  if (n < 2) return 1;
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
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (syy === 0) return 1;
  if (sxx === 0) return 0;
  return (sxy * sxy) / (sxx * syy);
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
  const straightness: number[] = [];
  const column = new Float64Array(points);
  for (let c = 0; c < sweep.numClasses; c++) {
    for (let i = 0; i < points; i++) column[i] = sweep.logits[i * sweep.numClasses + c] ?? 0;
    straightness.push(lineFitR2(sweep.eps, column));
  }
  return {
    cleanClass,
    flipEps,
    flipClass,
    straightness,
    worstStraightness: Math.min(...straightness),
  };
}
