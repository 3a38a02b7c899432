/**
 * Colour maps shared by the views: pure functions from numbers to RGB bytes (no DOM), so the same
 * colours reach canvases, SVG paths, legends and exports.
 */

export type Rgb = readonly [number, number, number];

export const WHITE: Rgb = [255, 255, 255];

/**
 * Paul Tol's "muted" scheme with black for its pale grey: every two classes, and the white
 * correct class, stay at least ΔE 15 apart for normal vision and under protanopia, deuteranopia
 * and tritanopia (colourVision.test.ts); matplotlib's category10 fell to ΔE 5 (1/8, 0/4, ...).
 */
export const CATEGORICAL_PALETTE: readonly Rgb[] = [
  [51, 34, 136], // indigo
  [136, 204, 238], // cyan
  [68, 170, 153], // teal
  [17, 119, 51], // green
  [153, 153, 51], // olive
  [221, 204, 119], // sand
  [204, 102, 119], // rose
  [136, 34, 85], // wine
  [170, 68, 153], // purple
  [0, 0, 0], // black
];

/** h in degrees, s and l in [0, 1] -> RGB bytes (the CSS hsl() formula). */
export function hslToRgb(h: number, s: number, l: number): Rgb {
  const hue = ((h % 360) + 360) % 360;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number): number => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [channel(0), channel(8), channel(4)];
}

/**
 * Colour of class `index`: the palette for the first ten, then golden-angle hues at a fixed
 * mid lightness (never near white) for models with many classes.
 */
export function categoricalColor(index: number): Rgb {
  const fromPalette = CATEGORICAL_PALETTE[index];
  if (fromPalette) return fromPalette;
  return hslToRgb(index * 137.508, 0.65, 0.45);
}

/** Class colour for maps: the correct class is white, every other class its categorical colour. */
export function classColor(index: number, correctClass?: number): Rgb {
  return index === correctClass ? WHITE : categoricalColor(index);
}

export function rgbToHex([r, g, b]: Rgb): string {
  const byte = (v: number): string => Math.round(v).toString(16).padStart(2, '0');
  return `#${byte(r)}${byte(g)}${byte(b)}`;
}

// Diverging blue-white-red: the red half is ColorBrewer RdBu's, the blue half is the same colours
// with red and blue swapped, so +t and -t are exactly mirror images (symmetric saturation).
const POSITIVE_ANCHORS: readonly Rgb[] = [WHITE, [244, 165, 130], [214, 96, 77], [178, 24, 43]];
const NEGATIVE_ANCHORS: readonly Rgb[] = POSITIVE_ANCHORS.map(([r, g, b]) => [b, g, r] as const);
/** shown for NaN, so bad numbers never pass for zero */
export const INVALID_COLOR: Rgb = [128, 128, 128];

function interpolateAnchors(anchors: readonly Rgb[], s: number): Rgb {
  const position = s * (anchors.length - 1);
  const i = Math.min(anchors.length - 2, Math.floor(position));
  const f = position - i;
  const a = anchors[i] ?? WHITE;
  const b = anchors[i + 1] ?? WHITE;
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ];
}

/** t in [-1, 1] (clamped): -1 blue, 0 white, +1 red. */
export function divergingColor(t: number): Rgb {
  if (Number.isNaN(t)) return INVALID_COLOR;
  const s = Math.min(1, Math.abs(t));
  return interpolateAnchors(t < 0 ? NEGATIVE_ANCHORS : POSITIVE_ANCHORS, s);
}

/** value / maxAbs, with an all-zero scale mapping everything to 0 (white). */
export function normaliseSymmetric(value: number, maxAbs: number): number {
  return maxAbs > 0 ? value / maxAbs : 0;
}

/** Largest finite |v| over all arrays: the half-width of a shared symmetric colour scale. */
export function symmetricMaxAbs(...arrays: readonly ArrayLike<number>[]): number {
  let max = 0;
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) {
      const v = Math.abs(values[i] ?? 0);
      if (v > max && Number.isFinite(v)) max = v;
    }
  }
  return max;
}

/** An image of pixel values in [0, 1], height x width x channels (structurally an ImageData01). */
export interface PixelImage {
  data: ArrayLike<number>;
  height: number;
  width: number;
  channels: number;
}

function toByte(v: number): number {
  return Number.isNaN(v) ? 0 : Math.round(255 * Math.min(1, Math.max(0, v)));
}

/**
 * RGBA bytes of an image for display: values clipped to [0, 1]; one channel is grey, three are
 * RGB, any other count shows its first channel as grey.
 */
export function imageToRgba(image: PixelImage): Uint8ClampedArray<ArrayBuffer> {
  const { data, height, width, channels } = image;
  const out = new Uint8ClampedArray(height * width * 4);
  for (let p = 0; p < height * width; p++) {
    const base = p * channels;
    const r = toByte(data[base] ?? 0);
    const rgb = channels === 3;
    out[p * 4] = r;
    out[p * 4 + 1] = rgb ? toByte(data[base + 1] ?? 0) : r;
    out[p * 4 + 2] = rgb ? toByte(data[base + 2] ?? 0) : r;
    out[p * 4 + 3] = 255;
  }
  return out;
}

/** RGBA bytes of `values` through the diverging map with the scale [-maxAbs, maxAbs]. */
export function divergingToRgba(
  values: ArrayLike<number>,
  maxAbs: number,
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = divergingColor(normaliseSymmetric(values[i] ?? 0, maxAbs));
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/**
 * RGB filters as one colour image: each channel v maps to 0.5 + 0.5 * v / maxAbs, so a zero weight
 * is mid grey and the shared scale still applies (used for conv filters over RGB input).
 */
export function rgbWeightsToRgba(
  values: ArrayLike<number>,
  maxAbs: number,
): Uint8ClampedArray<ArrayBuffer> {
  const pixels = Math.floor(values.length / 3);
  const out = new Uint8ClampedArray(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < 3; c++) {
      const t = Math.max(-1, Math.min(1, normaliseSymmetric(values[p * 3 + c] ?? 0, maxAbs)));
      out[p * 4 + c] = Math.round(255 * (0.5 + 0.5 * t));
    }
    out[p * 4 + 3] = 255;
  }
  return out;
}

/** RGBA bytes of a class map: each cell's class colour, the correct class white; cells not
 * computed yet (class < 0) transparent, so a coarser map drawn underneath shows through. */
export function classMapToRgba(
  classes: ArrayLike<number>,
  correctClass?: number,
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(classes.length * 4);
  for (let i = 0; i < classes.length; i++) {
    const cls = classes[i] ?? -1;
    if (cls < 0) continue; // stays [0, 0, 0, 0]
    const [r, g, b] = classColor(cls, correctClass);
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** RGBA bytes of sign(v) through the diverging map: +1 full red, -1 full blue, 0 white (Fig. 2). */
export function signToRgba(values: ArrayLike<number>): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = divergingColor(Math.sign(values[i] ?? 0));
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = 255;
  }
  return out;
}
