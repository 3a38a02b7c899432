/**
 * Perturbed images rebuilt from an engine result's direction vectors: x + sum(scale * direction),
 * optionally clipped. Used to show (sweep) or load (cross-section) the image at a chosen offset;
 * the classification of that image stays the engine's job.
 */

export interface ImageArray {
  data: Float32Array;
  height: number;
  width: number;
  channels: number;
}

export interface ScaledDirection {
  direction: ArrayLike<number>;
  scale: number;
}

export function perturbImage(
  image: ImageArray,
  terms: readonly ScaledDirection[],
  clip?: readonly [number, number],
): ImageArray {
  const size = image.height * image.width * image.channels;
  if (image.data.length !== size) {
    throw new RangeError(`image has ${image.data.length} values, its shape needs ${size}`);
  }
  for (const { direction } of terms) {
    if (direction.length !== size) {
      throw new RangeError(`direction has ${direction.length} values, the image has ${size}`);
    }
  }
  // float32 at every step, in the engine's order: x + (s1 * d1 + s2 * d2 + ...), so the rebuilt
  // image is the one the engine classified, bit for bit
  const offset = new Float32Array(size);
  for (const { direction, scale } of terms) {
    const s = Math.fround(scale);
    for (let i = 0; i < size; i++) {
      offset[i] = (offset[i] ?? 0) + Math.fround(s * (direction[i] ?? 0));
    }
  }
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = (image.data[i] ?? 0) + (offset[i] ?? 0);
  if (clip) {
    const [lo, hi] = clip;
    for (let i = 0; i < size; i++) data[i] = Math.min(hi, Math.max(lo, data[i] ?? 0));
  }
  return { data, height: image.height, width: image.width, channels: image.channels };
}

/** The eps-sweep's input at `eps`: x + eps * d. */
export function sweepImage(
  image: ImageArray,
  direction: ArrayLike<number>,
  eps: number,
  clip?: readonly [number, number],
): ImageArray {
  return perturbImage(image, [{ direction, scale: eps }], clip);
}

/** The cross-section's input at a cell: x + (epsH * horizontal + epsV * vertical), as the engine
 * evaluates it (pass the cell's offsets from cellEps and the map's clip). */
export function crossSectionImage(
  image: ImageArray,
  directions: { horizontal: ArrayLike<number>; vertical: ArrayLike<number> },
  epsH: number,
  epsV: number,
  clip?: readonly [number, number],
): ImageArray {
  return perturbImage(
    image,
    [
      { direction: directions.horizontal, scale: epsH },
      { direction: directions.vertical, scale: epsV },
    ],
    clip,
  );
}
