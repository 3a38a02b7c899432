/** A cross-section point as the image panel shows it: made from a map's directions and a cell. */
import type { ImageData01 } from '../engine/api';
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
}

/** x + h * FGSM direction + v * random direction, described, with its cell kept for links. */
export function probeAt(source: ProbeSource, h: number, v: number): ProbeImage {
  const image = crossSectionImage(source.base, source.directions, h, v, source.clip);
  const what = source.baseIndex >= 0 ? `test image ${source.baseIndex}` : 'your image';
  return {
    modelId: source.modelId,
    baseIndex: source.baseIndex,
    trueLabel: source.trueLabel,
    image,
    description: `${what} + ${signed(h)} × FGSM direction ${signed(v)} × random direction`,
    cell: [h, v],
  };
}
