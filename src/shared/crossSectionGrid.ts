/**
 * The grid of a cross-section map (engine API: row 0 at +epsMax of the vertical axis, column 0 at
 * -epsMax of the horizontal axis): `resolution` points per side from -epsMax to +epsMax, both ends
 * included. One definition for the engine that evaluates the cells and the views that label them.
 */
import { gridValue } from './epsGrid';

/** The coarse preview is resolution / 4 per side, but at least this. */
export const MIN_COARSE_RESOLUTION = 8;

/** Side lengths to compute: a coarse preview when it is smaller than the target, then the map. */
export function crossSectionLevels(resolution: number): number[] {
  const coarse = Math.max(MIN_COARSE_RESOLUTION, Math.round(resolution / 4));
  return coarse < resolution ? [coarse, resolution] : [resolution];
}

/**
 * Offset of grid point `index` along one axis: the grid formula of src/shared/epsGrid rounded to
 * float32, i.e. exactly symmetricGrid(epsMax, resolution)[index],
 * the value the engine evaluated. Mirrored points are exact negatives; the middle of an odd grid
 * is exactly 0.
 */
export function gridOffset(epsMax: number, resolution: number, index: number): number {
  return Math.fround(gridValue(epsMax, resolution, index));
}

/** [horizontal (FGSM) eps, vertical (random) eps] of a cell; rows count down from +epsMax. */
export function cellEps(
  epsMax: number,
  resolution: number,
  row: number,
  col: number,
): [number, number] {
  return [
    gridOffset(epsMax, resolution, col),
    gridOffset(epsMax, resolution, resolution - 1 - row),
  ];
}

/** The cell nearest to the point (epsH, epsV), clamped to the grid. */
export function cellAt(
  epsMax: number,
  resolution: number,
  epsH: number,
  epsV: number,
): { row: number; col: number } {
  const last = resolution - 1;
  const toIndex = (offset: number): number =>
    epsMax > 0 && last > 0
      ? Math.min(last, Math.max(0, Math.round(((offset + epsMax) / (2 * epsMax)) * last)))
      : 0;
  return { row: toIndex(-epsV), col: toIndex(epsH) };
}

/** Index of the centre cell (for odd resolutions exactly the clean image; for even ones the cell
 * just below-right of it, half a step away). */
export function centreCell(resolution: number): { row: number; col: number } {
  const middle = Math.floor(resolution / 2);
  return { row: middle, col: middle };
}
