import { describe, expect, it } from 'vitest';
import { COLOUR_PHOTO_THRESHOLD, isColourPhoto, meanChroma } from './colourfulness';
import type { RgbaRaster } from './raster';

/** a w x h raster whose pixel p is `colour(p)` (RGBA) */
function raster(w: number, h: number, colour: (p: number) => number[]): RgbaRaster {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let p = 0; p < w * h; p++) data.set(colour(p), p * 4);
  return { width: w, height: h, data };
}

describe('colour photo decision', () => {
  it('grey pictures have no chroma: a digit on paper, a grey gradient', () => {
    const digit = raster(28, 28, (p) => (p % 28 === 14 ? [20, 20, 20, 255] : [245, 245, 245, 255]));
    const gradient = raster(64, 64, (p) => [p % 256, p % 256, p % 256, 255]);
    expect(meanChroma(digit)).toBe(0);
    expect(isColourPhoto(digit)).toBe(false);
    expect(isColourPhoto(gradient)).toBe(false);
  });

  it('a little JPEG-like colour noise on a grey picture stays grey', () => {
    const noisy = raster(32, 32, (p) => [128 + (p % 3), 128, 128 - (p % 2), 255]);
    expect(meanChroma(noisy)).toBeLessThan(COLOUR_PHOTO_THRESHOLD);
    expect(isColourPhoto(noisy)).toBe(false);
  });

  it('a colourful picture is a photo', () => {
    const sky = raster(32, 32, (p) => (p < 512 ? [90, 140, 220, 255] : [60, 160, 70, 255]));
    expect(meanChroma(sky)).toBeGreaterThan(0.3);
    expect(isColourPhoto(sky)).toBe(true);
  });

  it('transparent pixels do not count; an empty raster is grey', () => {
    const hidden = raster(8, 8, () => [255, 0, 0, 0]);
    expect(meanChroma(hidden)).toBe(0);
    expect(isColourPhoto({ width: 0, height: 0, data: new Uint8ClampedArray(0) })).toBe(false);
  });

  it('large rasters are sampled, with the same verdict', () => {
    const big = raster(1024, 1024, (p) => (p % 2 ? [200, 40, 40, 255] : [40, 40, 200, 255]));
    expect(meanChroma(big)).toBeCloseTo(160 / 255, 2);
  });
});
