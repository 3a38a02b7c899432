/**
 * Grids of eps values for sweeps and cross-sections. Each value is computed as max * k / (n - 1)
 * from an integer k, so the grid is exactly symmetric (g[i] === -g[n-1-i]) and, for odd n, holds
 * an exact 0 in the middle: the clean image is one of the evaluated points.
 */

/** Point `index` of `points` from -max to +max: max * (2 index - (points - 1)) / (points - 1). */
export function gridValue(max: number, points: number, index: number): number {
  if (points < 2) return 0;
  const steps = points - 1;
  const value = (max * (2 * index - steps)) / steps;
  return value === 0 ? 0 : value; // no -0 (max = 0 would give one)
}

/** `points` values from -max to +max, evenly spaced. */
export function symmetricGrid(max: number, points: number): Float32Array {
  if (!Number.isFinite(max) || max < 0) {
    throw new RangeError(`grid max must be finite and >= 0, got ${max}`);
  }
  if (!Number.isInteger(points) || points < 2) {
    throw new RangeError(`grid points must be an integer >= 2, got ${points}`);
  }
  const grid = new Float32Array(points);
  for (let i = 0; i < points; i++) grid[i] = gridValue(max, points, i);
  return grid;
}
