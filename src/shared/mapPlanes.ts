/**
 * Where each map of the cross-section view sits when it shows more than one plane per image: the
 * store keeps one flat list, a block per plane (every image's FGSM map, then every image's
 * random map), so map k of the first block is map k of the FGSM-only view; the view pairs them
 * up by image, and the maps are computed pair by pair.
 */
import type { MapHorizontal } from './vocabulary';

/** Every image on every plane: a block of `images` per plane, in the planes' order. */
export function mapsOfPlanes<T extends object>(
  images: readonly T[],
  planes: readonly MapHorizontal[],
): (T & { horizontal: MapHorizontal })[] {
  return planes.flatMap((horizontal) => images.map((image) => ({ ...image, horizontal })));
}

/** Positions in the flat list, per image: [[fgsm 0, random 0], [fgsm 1, random 1], …]. */
export function mapRows(images: number, planes: number): number[][] {
  return Array.from({ length: images }, (_, i) =>
    Array.from({ length: planes }, (_, p) => p * images + i),
  );
}

/** The order to compute the maps in: an image's maps together, first image first. */
export function pairwiseOrder(images: number, planes: number): number[] {
  return mapRows(images, planes).flat();
}
