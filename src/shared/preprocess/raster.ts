/**
 * Decoded pictures as plain arrays, so the preprocessing math needs no DOM: an RGBA raster as
 * the browser decodes it, and planes of floats in [0, 1] (grey, or HWC colour) that the recipes
 * work on.
 */

/** 8-bit RGBA, row after row (the layout of the DOM's ImageData). */
export interface RgbaRaster {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Floats in [0, 1], HWC with `channels` per pixel. */
export interface FloatPlane {
  width: number;
  height: number;
  channels: number;
  data: Float32Array;
}

/** A rectangle in pixel units (fractional edges allowed). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** ITU-R BT.601 luma weights, the usual grey of R, G, B. */
const LUMA = [0.299, 0.587, 0.114] as const;

function luma(r: number, g: number, b: number): number {
  return (LUMA[0] * r + LUMA[1] * g + LUMA[2] * b) / 255;
}

/**
 * The background transparent pixels are laid on: white, unless the opaque pixels are mostly
 * light (white ink on a transparent sheet), then black - so ink never vanishes into the
 * background it was drawn without.
 */
export function transparentBackground(raster: RgbaRaster): number {
  const d = raster.data;
  let sum = 0;
  let weight = 0;
  let transparent = false;
  for (let i = 0; i < d.length; i += 4) {
    const a = (d[i + 3] ?? 255) / 255;
    if (a < 1) transparent = true;
    sum += a * luma(d[i] ?? 0, d[i + 1] ?? 0, d[i + 2] ?? 0);
    weight += a;
  }
  if (!transparent || weight === 0) return 1;
  return sum / weight > 0.5 ? 0 : 1;
}

/**
 * The raster as floats in [0, 1], `channels` 1 (luma) or 3 (RGB), alpha composited over the
 * transparentBackground.
 */
export function rasterToPlane(raster: RgbaRaster, channels: 1 | 3): FloatPlane {
  const { width, height, data: d } = raster;
  const bg = transparentBackground(raster);
  const out = new Float32Array(width * height * channels);
  for (let p = 0, i = 0; p < width * height; p++, i += 4) {
    const a = (d[i + 3] ?? 255) / 255;
    const r = d[i] ?? 0;
    const g = d[i + 1] ?? 0;
    const b = d[i + 2] ?? 0;
    if (channels === 1) {
      out[p] = a * luma(r, g, b) + (1 - a) * bg;
    } else {
      out[3 * p] = (a * r) / 255 + (1 - a) * bg;
      out[3 * p + 1] = (a * g) / 255 + (1 - a) * bg;
      out[3 * p + 2] = (a * b) / 255 + (1 - a) * bg;
    }
  }
  return { width, height, channels, data: out };
}

/** Replaces NaN and infinities by 0 and clamps to [0, 1]: nothing else may reach the engine. */
export function clamp01InPlace(data: Float32Array): Float32Array {
  for (let i = 0; i < data.length; i++) {
    const v = data[i] ?? 0;
    data[i] = v > 0 ? (v < 1 ? v : 1) : 0; // NaN fails `v > 0` and becomes 0
  }
  return data;
}
