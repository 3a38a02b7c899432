/**
 * How long a set of cross-section maps will take, from what the engine measured of the model
 * (EngineClient.mapCost): the view asks before a long one starts. Each map takes its directions
 * (an input gradient) and a forward pass per cell of every level (coarse preview, then the map);
 * the cells are shared by the engine and its peers.
 */
import { crossSectionLevels } from './crossSectionGrid';
import type { MapHorizontal } from './vocabulary';

/** What one model costs per map on the active backend (measured by the engine). */
export interface MapCost {
  /** one cell (one image of a forward pass in a batch) */
  cellMs: number;
  /** the map's directions: one input gradient of one image */
  directionMs: number;
}

/**
 * Maps estimated longer than this wait for the user's go: minutes of a big model's maps on a
 * CPU; a photo model's six maps (seconds, or a minute on a busy 2-core machine) just run.
 */
export const LONG_MAPS_MS = 120_000;

/** Cells a map of this resolution evaluates, its coarse preview included. */
export function mapCells(resolution: number): number {
  return crossSectionLevels(resolution).reduce((sum, side) => sum + side * side, 0);
}

/** Estimated ms for `count` maps at `resolution` on `cores` engines (the worker and its peers). */
export function estimateMapsMs(
  cost: MapCost,
  resolution: number,
  count: number,
  cores = 1,
): number {
  const perMap = cost.directionMs + (mapCells(resolution) * cost.cellMs) / Math.max(1, cores);
  return count * perMap;
}

/** A set of maps: each image on each plane. */
export interface MapsPlan {
  images: number;
  planes: readonly MapHorizontal[];
}

/**
 * Estimated ms for every image on every plane: each map evaluates its cells; only an FGSM plane
 * takes an input gradient (a random plane's directions are seeded signs and noise).
 */
export function estimatePlanesMs(
  cost: MapCost,
  resolution: number,
  plan: MapsPlan,
  cores = 1,
): number {
  const cells = (mapCells(resolution) * cost.cellMs) / Math.max(1, cores);
  const gradients = plan.planes.filter((p) => p === 'fgsm').length;
  return plan.images * (gradients * cost.directionMs + plan.planes.length * cells);
}

/** "about 40 s", "about 6 min", "about 1 h 20 min": an estimate, so rounded. */
export function formatEstimate(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 90) return `about ${s} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `about ${min} min`;
  return `about ${Math.floor(min / 60)} h ${min % 60} min`;
}
