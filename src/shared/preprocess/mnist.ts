/**
 * The MNIST recipe (LeCun et al., the MNIST page): grey, ink bright on a dark background, the
 * digit's bounding box fitted into 20x20 keeping its aspect ratio (anti-aliased, here by area
 * averaging), then pasted into the 28x28 field so that its centre of mass is the field's centre.
 */
import { areaResize } from './resize';
import type { FloatPlane } from './raster';

export type InvertChoice = 'auto' | 'on' | 'off';

export interface MnistOptions {
  invert: InvertChoice;
  /** ink below this (0..1 of the ink's range) is background; the rest is stretched to [0, 1] */
  threshold: number;
  /** side of the output field (28 for MNIST); the box is 20/28 of it */
  size?: number;
}

export interface MnistResult {
  plane: FloatPlane;
  /** whether light and dark were swapped */
  inverted: boolean;
  /** no ink left (blank picture, or everything under the threshold): the field is all zeros */
  empty: boolean;
  /** the ink's bounding box in the source, when there is ink */
  box: { x: number; y: number; width: number; height: number } | null;
}

/** the smallest ink contrast (max minus background) that counts as a drawing at all */
const MIN_CONTRAST = 0.04;

export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return 0;
  const mid = n >> 1;
  return n % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The values of the outermost ring of pixels of a one-channel plane. */
export function borderValues(plane: FloatPlane): Float32Array {
  const { width: w, height: h, data } = plane;
  const out: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (y === 0 || y === h - 1 || x === 0 || x === w - 1) out.push(data[y * w + x] ?? 0);
    }
  }
  return Float32Array.from(out);
}

/** Auto: a light border (median above one half) means dark ink on paper, so swap. */
export function shouldInvert(grey: FloatPlane, choice: InvertChoice): boolean {
  if (choice !== 'auto') return choice === 'on';
  return median(borderValues(grey)) > 0.5;
}

/** Centre of mass (x, y) of a one-channel plane, pixel centres at +0.5; null when all zero. */
export function centreOfMass(plane: FloatPlane): { x: number; y: number } | null {
  let m = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < plane.height; y++) {
    for (let x = 0; x < plane.width; x++) {
      const v = plane.data[y * plane.width + x] ?? 0;
      m += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return m > 0 ? { x: mx / m, y: my / m } : null;
}

/** Bounding box of the pixels above zero, or null. */
export function inkBox(plane: FloatPlane): MnistResult['box'] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < plane.height; y++) {
    for (let x = 0; x < plane.width; x++) {
      if ((plane.data[y * plane.width + x] ?? 0) > 0) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Ink in [0, 1]: background 0, the brightest ink 1, and below `threshold` cut to 0. */
export function inkLevels(grey: FloatPlane, inverted: boolean, threshold: number): FloatPlane {
  const ink = grey.data.map((v) => (inverted ? 1 - v : v));
  const background = median(borderValues({ ...grey, data: ink }));
  let max = 0;
  for (const v of ink) max = Math.max(max, v);
  const range = max - background;
  const t = Math.min(0.95, Math.max(0, Number.isFinite(threshold) ? threshold : 0));
  const out = new Float32Array(ink.length);
  if (range >= MIN_CONTRAST) {
    for (let i = 0; i < ink.length; i++) {
      const v = Math.min(1, Math.max(0, ((ink[i] ?? 0) - background) / range));
      out[i] = v > t ? (v - t) / (1 - t) : 0;
    }
  }
  return { width: grey.width, height: grey.height, channels: 1, data: out };
}

/** The MNIST recipe on a grey plane (one channel, [0, 1], light = 1). */
export function mnistPreprocess(grey: FloatPlane, options: MnistOptions): MnistResult {
  if (grey.channels !== 1) throw new RangeError('mnistPreprocess wants one grey channel.');
  const size = options.size ?? 28;
  const boxSide = (20 / 28) * size;
  const inverted = shouldInvert(grey, options.invert);
  const ink = inkLevels(grey, inverted, options.threshold);
  const box = inkBox(ink);
  const field = new Float32Array(size * size);
  const plane: FloatPlane = { width: size, height: size, channels: 1, data: field };
  if (!box) return { plane, inverted, empty: true, box: null };

  const scale = boxSide / Math.max(box.width, box.height);
  const w = Math.max(1, Math.min(size, Math.round(box.width * scale)));
  const h = Math.max(1, Math.min(size, Math.round(box.height * scale)));
  const patch = areaResize(ink, w, h, box);
  const com = centreOfMass(patch) ?? { x: w / 2, y: h / 2 };
  const left = Math.round(size / 2 - com.x);
  const top = Math.round(size / 2 - com.y);
  for (let y = 0; y < h; y++) {
    const fy = top + y;
    if (fy < 0 || fy >= size) continue;
    for (let x = 0; x < w; x++) {
      const fx = left + x;
      if (fx >= 0 && fx < size) field[fy * size + fx] = patch.data[y * w + x] ?? 0;
    }
  }
  return { plane, inverted, empty: false, box };
}
