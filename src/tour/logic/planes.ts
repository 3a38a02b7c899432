/**
 * Section 4: the plane through an image spanned by two random directions (the control for the
 * explorer's FGSM × random cross-section). Its class map is read by src/shared/mapFacts. The cells
 * follow the engine's layout (src/shared/crossSectionGrid): row 0 at +εmax of the vertical axis,
 * column 0 at −εmax of the horizontal one.
 */
import { cellEps } from '../../shared/crossSectionGrid';
import type { ImageData01 } from '../../shared/image';
import { createRng } from '../../shared/rng';

export interface Plane {
  /** max-norm 1 */
  horizontal: Float32Array;
  /** max-norm 1, orthogonal to `horizontal` */
  vertical: Float32Array;
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i] ?? 0));
  return m;
}

/**
 * Two random sign directions (like FGSM's, which is a sign vector too), the second made
 * orthogonal to the first, each scaled to max-norm 1 so both axes span the same ±ε box.
 */
export function randomPlane(size: number, seed: number): Plane {
  const rng = createRng(seed);
  const h = rng.fillSign(new Float64Array(size), 1);
  const v = rng.fillSign(new Float64Array(size), 1);
  let dot = 0;
  for (let i = 0; i < size; i++) dot += (h[i] ?? 0) * (v[i] ?? 0);
  const projection = dot / size; // h·h = size for a sign vector
  for (let i = 0; i < size; i++) v[i] = (v[i] ?? 0) - projection * (h[i] ?? 0);
  const vMax = maxAbs(v) || 1;
  return {
    horizontal: Float32Array.from(h),
    vertical: Float32Array.from(v, (x) => x / vMax),
  };
}

/** The images x + a·h + b·v of every cell of rows [rowStart, rowEnd), clipped to [lo, hi]. */
export function planeCells(
  image: ImageData01,
  plane: Plane,
  epsMax: number,
  resolution: number,
  rows: [number, number],
  clip: [number, number] = [0, 1],
): ImageData01[] {
  const out: ImageData01[] = [];
  const [lo, hi] = clip;
  for (let row = rows[0]; row < rows[1]; row++) {
    for (let col = 0; col < resolution; col++) {
      const [a, b] = cellEps(epsMax, resolution, row, col);
      const data = new Float32Array(image.data.length);
      for (let i = 0; i < data.length; i++) {
        const x =
          (image.data[i] ?? 0) + a * (plane.horizontal[i] ?? 0) + b * (plane.vertical[i] ?? 0);
        data[i] = Math.min(hi, Math.max(lo, x));
      }
      out.push({ data, height: image.height, width: image.width, channels: image.channels });
    }
  }
  return out;
}
