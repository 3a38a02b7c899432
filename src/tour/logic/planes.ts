/**
 * Section 4: the plane through an image spanned by two random directions (the control for the
 * explorer's FGSM × random cross-section), and what a class map of either plane shows. The cells
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

export interface MapFacts {
  /** share of all cells whose class is not the correct one */
  wrongShare: number;
  /** share of the cells right of the centre column (ε > 0 along the horizontal axis) that are wrong */
  wrongShareRight: number;
  /** per row, the smallest horizontal ε > 0 at which the class first differs; null: never */
  rowFlips: (number | null)[];
  /** median of the row flips that exist; null when no row flips */
  medianFlip: number | null;
  /** share of the rows that flip somewhere on the right half */
  rowsFlipping: number;
  /** the max-norm distance max(|a|, |b|) of the nearest wrong cell from the image; null: none */
  nearestWrong: number | null;
}

/** What a resolution × resolution class map shows about the correct class `correct`. */
export function mapFacts(
  predicted: ArrayLike<number>,
  resolution: number,
  epsMax: number,
  correct: number,
): MapFacts {
  let wrong = 0;
  let wrongRight = 0;
  let right = 0;
  const rowFlips: (number | null)[] = [];
  let nearestWrong: number | null = null;
  for (let row = 0; row < resolution; row++) {
    let flip: number | null = null;
    for (let col = 0; col < resolution; col++) {
      const isWrong = (predicted[row * resolution + col] ?? -1) !== correct;
      const [a, b] = cellEps(epsMax, resolution, row, col);
      if (isWrong) {
        wrong++;
        const distance = Math.max(Math.abs(a), Math.abs(b));
        if (nearestWrong === null || distance < nearestWrong) nearestWrong = distance;
      }
      if (a > 0) {
        right++;
        if (isWrong) wrongRight++;
        if (isWrong && flip === null) flip = a;
      }
    }
    rowFlips.push(flip);
  }
  const flips = rowFlips.filter((f): f is number => f !== null).sort((x, y) => x - y);
  const mid = flips.length >> 1;
  const median =
    flips.length === 0
      ? null
      : flips.length % 2 === 1
        ? (flips[mid] ?? 0)
        : ((flips[mid - 1] ?? 0) + (flips[mid] ?? 0)) / 2;
  return {
    wrongShare: wrong / (resolution * resolution),
    wrongShareRight: right === 0 ? 0 : wrongRight / right,
    rowFlips,
    medianFlip: median,
    rowsFlipping: flips.length / resolution,
    nearestWrong,
  };
}
