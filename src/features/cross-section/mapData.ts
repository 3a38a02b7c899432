/**
 * Pure helpers of the cross-section view: where a map's cells sit on screen and which of the
 * engine's numbers a map shows. No new numbers are computed here.
 */
import type { CrossSectionPartial, CrossSectionResult } from '../../engine/api';
import { centreCell } from '../../shared/crossSectionGrid';
import type { MapHorizontal } from '../../shared/vocabulary';

export interface CrossSectionMapInput {
  /** index of the test image in its dataset */
  imageIndex: number;
  trueLabel: number;
  /** the finished map; null while computing */
  result: CrossSectionResult | null;
  /** the latest coarse map, shown until `result` arrives */
  partial?: CrossSectionPartial | null;
  /** fraction done, 0..1 */
  progress?: number;
  error?: string | null;
  /** the plane's horizontal direction (absent: FGSM) */
  horizontal?: MapHorizontal;
}

/** What each plane is called on its map, in the data tables and in exports. */
export const PLANE_LABELS: Record<MapHorizontal, string> = {
  fgsm: 'FGSM × random',
  random: 'random × random',
};

/** What a map draws: the finished result, else the latest partial, else nothing. */
export interface MapGrid {
  resolution: number;
  predictedClass: Int32Array;
  confidence: Float32Array;
  final: boolean;
}

export function mapGrid(map: CrossSectionMapInput): MapGrid | null {
  if (map.result) {
    const { resolution, predictedClass, confidence } = map.result;
    return { resolution, predictedClass, confidence, final: true };
  }
  if (map.partial) return { ...map.partial, final: false };
  return null;
}

/** True when every cell has a class (no -1 cells still to compute). */
export function isComplete(grid: MapGrid): boolean {
  return grid.predictedClass.every((c) => c >= 0);
}

/** The distinct classes in the given class maps, ascending. */
export function classesPresent(maps: readonly ArrayLike<number>[]): number[] {
  const seen = new Set<number>();
  for (const classes of maps) for (let i = 0; i < classes.length; i++) seen.add(classes[i] ?? -1);
  seen.delete(-1);
  return [...seen].sort((a, b) => a - b);
}

/** Legend entries: every class for small models (a stable legend), else only those on a map. */
export function legendClasses(
  numClasses: number,
  present: readonly number[],
  limit = 20,
): number[] {
  return numClasses <= limit ? Array.from({ length: numClasses }, (_, c) => c) : [...present];
}

/** The cell under a point of the plot area (plotSize x plotSize pixels), clamped to the grid. */
export function cellFromPoint(
  px: number,
  py: number,
  plotSize: number,
  resolution: number,
): { row: number; col: number } {
  const clamp = (v: number): number =>
    Math.min(resolution - 1, Math.max(0, Math.floor((v / plotSize) * resolution)));
  return { row: clamp(py), col: clamp(px) };
}

/**
 * Pixel of an eps offset along an axis of the plot: cell i is drawn over [i, i + 1) * plotSize / R
 * and stands for grid point i, so -epsMax sits half a cell in from the edge.
 */
export function axisPixel(
  eps: number,
  epsMax: number,
  resolution: number,
  plotSize: number,
): number {
  const cell = plotSize / resolution;
  if (resolution < 2 || epsMax <= 0) return plotSize / 2;
  return (((eps + epsMax) / (2 * epsMax)) * (resolution - 1) + 0.5) * cell;
}

/** `k` grid indices spread evenly over 0..resolution-1 (for a readable sampled data table). */
export function sampleIndices(resolution: number, k: number): number[] {
  if (resolution <= k) return Array.from({ length: resolution }, (_, i) => i);
  return Array.from({ length: k }, (_, j) => Math.round((j * (resolution - 1)) / (k - 1)));
}

/** The class at the centre cell (the clean image when the resolution is odd). */
export function centreClass(grid: MapGrid): number {
  const { row, col } = centreCell(grid.resolution);
  return grid.predictedClass[row * grid.resolution + col] ?? -1;
}

/**
 * What an export made now would lack: "refining 37%, 1 of 3 maps finished, 1 empty"; null when
 * every map is finished or has failed (nothing more will come).
 */
export function partialNote(maps: readonly CrossSectionMapInput[]): string | null {
  const open = maps.filter((m) => m.result === null && !m.error);
  if (open.length === 0) return null;
  const progress = maps.reduce((sum, m) => sum + (m.result ? 1 : (m.progress ?? 0)), 0);
  const empty = open.filter((m) => !m.partial && !(m.progress ?? 0)).length;
  const finished = maps.filter((m) => m.result).length;
  const percent = Math.floor((100 * progress) / maps.length);
  return `refining ${percent}%, ${finished} of ${maps.length} maps finished${empty > 0 ? `, ${empty} empty` : ''}`;
}
