/**
 * What saving as an 8-bit PNG does to an image in [0, 1]: every value becomes round(255 v)/255.
 * The rounding moves each pixel by up to 1/510, which can undo a small adversarial perturbation,
 * so the saved image has to be classified again.
 */
import type { ImageData01 } from '../image';

/** The 8-bit values (NaN as 0), one per channel value, HWC. */
export function toBytes(image: ImageData01): Uint8ClampedArray {
  const out = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < out.length; i++) {
    const v = image.data[i] ?? 0;
    out[i] = Number.isNaN(v) ? 0 : Math.round(255 * Math.min(1, Math.max(0, v)));
  }
  return out;
}

/** The image exactly as an 8-bit PNG stores it, back in [0, 1]. */
export function quantise8(image: ImageData01): ImageData01 {
  const bytes = toBytes(image);
  return { ...image, data: Float32Array.from(bytes, (b) => b / 255) };
}

/** RGBA pixels of an 8-bit image (grey repeated into R, G, B; opaque). */
export function bytesToRgba(
  bytes: Uint8ClampedArray,
  image: Omit<ImageData01, 'data'>,
): Uint8ClampedArray {
  const n = image.width * image.height;
  const out = new Uint8ClampedArray(n * 4);
  for (let p = 0; p < n; p++) {
    const c = image.channels;
    const r = bytes[p * c] ?? 0;
    out[p * 4] = r;
    out[p * 4 + 1] = c === 3 ? (bytes[p * c + 1] ?? 0) : r;
    out[p * 4 + 2] = c === 3 ? (bytes[p * c + 2] ?? 0) : r;
    out[p * 4 + 3] = 255;
  }
  return out;
}

/**
 * Whether a prediction still counts as fooled: an untargeted attack wants any class but the
 * loss label; a targeted one wants the target (its loss label).
 */
export function stillFools(predictedClass: number, lossLabel: number, targeted: boolean): boolean {
  return targeted ? predictedClass === lossLabel : predictedClass !== lossLabel;
}
