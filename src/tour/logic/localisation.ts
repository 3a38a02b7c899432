/**
 * Section 5's measure of how "localised" first-layer filters are: the fewest pixels that hold
 * half of a filter's squared weight. A filter spread over the whole image needs many; one
 * concentrated on a stroke needs few. The median over all filters (units × maxout pieces)
 * summarises a model.
 */
import type { LayerWeights } from '../../engine/api';

/** The fewest entries of `values` whose squares sum to at least half of the total. */
export function halfEnergyCount(values: ArrayLike<number>): number {
  const squares = Float64Array.from({ length: values.length }, (_, i) => (values[i] ?? 0) ** 2);
  const total = squares.reduce((s, x) => s + x, 0);
  if (total === 0) return 0;
  squares.sort().reverse();
  let sum = 0;
  for (let k = 0; k < squares.length; k++) {
    sum += squares[k] ?? 0;
    // a relative tolerance: summing equal squares one by one drifts below the exact half
    if (sum >= (total / 2) * (1 - 1e-9)) return k + 1;
  }
  return squares.length;
}

export interface Localisation {
  filters: number;
  /** pixels per filter (h·w·c) */
  pixels: number;
  /** median over filters of halfEnergyCount */
  medianHalfEnergy: number;
}

export function localisation(weights: LayerWeights): Localisation {
  const size = weights.imageShape[0] * weights.imageShape[1] * weights.imageShape[2];
  const filters = weights.units * weights.pieces;
  const counts: number[] = [];
  for (let f = 0; f < filters; f++) {
    counts.push(halfEnergyCount(weights.data.subarray(f * size, (f + 1) * size)));
  }
  counts.sort((a, b) => a - b);
  const mid = counts.length >> 1;
  const median =
    counts.length === 0
      ? 0
      : counts.length % 2 === 1
        ? (counts[mid] ?? 0)
        : ((counts[mid - 1] ?? 0) + (counts[mid] ?? 0)) / 2;
  return { filters, pixels: size, medianHalfEnergy: median };
}

/** a difference under this share of the naive count reads as "about the same" */
export const SIMILAR_WITHIN = 0.1;

/** Is the second model's first layer more localised than the first's, less, or about as much? */
export function compareLocalisation(
  naive: Localisation,
  other: Localisation,
): 'more' | 'less' | 'similar' {
  const a = other.medianHalfEnergy;
  const n = naive.medianHalfEnergy;
  if (Math.abs(a - n) <= SIMILAR_WITHIN * n) return 'similar';
  return a < n ? 'more' : 'less';
}
