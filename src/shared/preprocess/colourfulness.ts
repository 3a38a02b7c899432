/**
 * Whether a decoded picture is a colour photo or a grey one (a digit, a sketch, a black-and-white
 * scan): the mean chroma (max - min of R, G, B) of its opaque pixels. Grey pictures have none,
 * apart from a little JPEG noise, so a small threshold keeps them apart from photos.
 */
import type { RgbaRaster } from './raster';

/** mean chroma in [0, 1] above which a picture counts as a colour photo */
export const COLOUR_PHOTO_THRESHOLD = 0.04;

/** how many pixels at most are looked at: a sample is plenty for a mean, and stays fast */
const MAX_SAMPLES = 65_536;

/** Mean of (max - min) of R, G, B over the opaque pixels, in [0, 1]; 0 for an empty raster. */
export function meanChroma(raster: RgbaRaster): number {
  const d = raster.data;
  const pixels = Math.floor(d.length / 4);
  const step = Math.max(1, Math.floor(pixels / MAX_SAMPLES));
  let sum = 0;
  let weight = 0;
  for (let p = 0; p < pixels; p += step) {
    const i = p * 4;
    const a = (d[i + 3] ?? 255) / 255;
    if (a === 0) continue;
    const r = d[i] ?? 0;
    const g = d[i + 1] ?? 0;
    const b = d[i + 2] ?? 0;
    sum += a * (Math.max(r, g, b) - Math.min(r, g, b));
    weight += a;
  }
  return weight === 0 ? 0 : sum / weight / 255;
}

export function isColourPhoto(raster: RgbaRaster, threshold = COLOUR_PHOTO_THRESHOLD): boolean {
  return meanChroma(raster) > threshold;
}
