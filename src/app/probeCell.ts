/** A cross-section point as the image panel shows it: made from a map's directions and a cell. */
import type { ImageData01, MapHorizontal } from '../engine/api';
import { crossSectionImage } from '../shared/perturb';
import type { ProbeImage } from '../state/types';

function signed(v: number): string {
  return `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`;
}

export interface ProbeSource {
  modelId: string;
  /** the test image (-1: the user's own picture) */
  baseIndex: number;
  trueLabel: number;
  base: ImageData01;
  directions: { horizontal: ArrayLike<number>; vertical: ArrayLike<number> };
  clip: readonly [number, number];
  /** the map's horizontal direction (absent: FGSM) */
  horizontal?: MapHorizontal;
}

/**
 * x + h * horizontal (FGSM or random signs) + v * random direction, described, with its cell and
 * plane kept for links.
 */
export function probeAt(source: ProbeSource, h: number, v: number): ProbeImage {
  const image = crossSectionImage(source.base, source.directions, h, v, source.clip);
  // from the image itself: two sign directions add up, and clipping takes some back
  let linf = 0;
  image.data.forEach((x, i) => {
    linf = Math.max(linf, Math.abs(x - (source.base.data[i] ?? x)));
  });
  const what = source.baseIndex >= 0 ? `test image ${source.baseIndex}` : 'your image';
  const horizontal = source.horizontal ?? 'fgsm';
  const along = horizontal === 'random' ? 'random-sign direction' : 'FGSM direction';
  return {
    modelId: source.modelId,
    baseIndex: source.baseIndex,
    trueLabel: source.trueLabel,
    image,
    description: `${what} + ${signed(h)} × ${along} ${signed(v)} × random direction`,
    linf,
    cell: [h, v],
    horizontal,
  };
}
