/** Builds the images an engine op evaluates, so another backend can evaluate the very same ones. */
import { cellEps } from '../../src/shared/crossSectionGrid';

/** clip(x + sum_k eps_k * d_k, lo, hi), element-wise. */
export function perturbed(
  x: readonly number[],
  steps: readonly (readonly [number, readonly number[]])[],
  clip: readonly [number, number],
): number[] {
  return x.map((v, i) => {
    let out = v;
    for (const [eps, d] of steps) out += eps * (d[i] ?? 0);
    return Math.min(clip[1], Math.max(clip[0], out));
  });
}

/** The sweep's images: clip(x + eps_j * d) for every grid point eps_j. */
export function sweepImages(
  x: readonly number[],
  direction: readonly number[],
  eps: readonly number[],
  clip: readonly [number, number],
): number[][] {
  return eps.map((e) => perturbed(x, [[e, direction]], clip));
}

/** The cross-section's images, row-major (row 0 at +epsMax of the vertical axis). */
export function crossSectionImages(
  x: readonly number[],
  horizontal: readonly number[],
  vertical: readonly number[],
  epsMax: number,
  resolution: number,
  clip: readonly [number, number],
): number[][] {
  const images: number[][] = [];
  for (let row = 0; row < resolution; row++) {
    for (let col = 0; col < resolution; col++) {
      const [epsH, epsV] = cellEps(epsMax, resolution, row, col);
      images.push(
        perturbed(
          x,
          [
            [epsH, horizontal],
            [epsV, vertical],
          ],
          clip,
        ),
      );
    }
  }
  return images;
}
