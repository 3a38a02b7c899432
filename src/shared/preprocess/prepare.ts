/**
 * A decoded picture made into the exact tensor a model sees, by the recipe of its manifest:
 * 'mnist' (see mnist.ts) or 'photo' (the user's crop, else the centre crop, to the input's
 * aspect; area-average resize; grey or RGB). The result is always in [0, 1] (the engine maps it to the model's own range)
 * and never holds NaN.
 */
import type { ImageData01 } from '../image';
import type { PreprocessingSpec } from './spec';
import { mnistPreprocess, type InvertChoice } from './mnist';
import { cropRegion } from './crop';
import {
  clamp01InPlace,
  rasterToPlane,
  type FloatPlane,
  type Rect,
  type RgbaRaster,
} from './raster';
import { areaResize } from './resize';

export interface Adjustments {
  invert: InvertChoice;
  /** MNIST recipe only: 0..0.95 of the ink's range */
  threshold: number;
  /** the part of the picture the model sees, in its pixels; null/absent: the centred crop */
  crop?: Rect | null;
}

export const DEFAULT_ADJUSTMENTS: Adjustments = { invert: 'auto', threshold: 0.2, crop: null };

/** The whole pixels of `rect` (rounded outwards) as a raster of their own. */
function cropRaster(raster: RgbaRaster, rect: Rect): RgbaRaster {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(raster.width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(raster.height, Math.ceil(rect.y + rect.height));
  const width = Math.max(1, x1 - x0);
  const height = Math.max(1, y1 - y0);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * raster.width + x0) * 4;
    data.set(raster.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { width, height, data };
}

export interface PreparedImage {
  image: ImageData01;
  inverted: boolean;
  /** MNIST recipe: no ink found, the tensor is all zeros */
  empty: boolean;
}

/** Grey <-> colour to the channel count the model wants. */
function toChannels(plane: FloatPlane, channels: number): FloatPlane {
  if (plane.channels === channels) return plane;
  const n = plane.width * plane.height;
  const out = new Float32Array(n * channels);
  for (let p = 0; p < n; p++) {
    if (plane.channels === 1) {
      out.fill(plane.data[p] ?? 0, p * channels, (p + 1) * channels);
    } else {
      let sum = 0;
      for (let k = 0; k < plane.channels; k++) sum += plane.data[p * plane.channels + k] ?? 0;
      const grey = sum / plane.channels;
      for (let k = 0; k < channels; k++) out[p * channels + k] = grey;
    }
  }
  return { ...plane, channels, data: out };
}

export function prepareImage(
  raster: RgbaRaster,
  spec: Pick<PreprocessingSpec, 'recipe' | 'colour'>,
  inputShape: readonly [number, number, number],
  adjust: Adjustments,
): PreparedImage {
  const [height, width, channels] = inputShape;
  if (raster.width < 1 || raster.height < 1) throw new RangeError('The picture has no pixels.');
  let plane: FloatPlane;
  let inverted: boolean;
  let empty = false;
  const aspect = width / height;
  if (spec.recipe === 'mnist') {
    // a crop first, then the MNIST recipe finds the ink inside it
    const source = adjust.crop
      ? cropRaster(raster, cropRegion(adjust.crop, raster.width, raster.height, aspect))
      : raster;
    const result = mnistPreprocess(rasterToPlane(source, 1), {
      invert: adjust.invert,
      threshold: adjust.threshold,
      size: Math.min(height, width),
    });
    plane = result.plane;
    if (height !== width) plane = areaResize(plane, width, height);
    inverted = result.inverted;
    empty = result.empty;
  } else {
    const source = rasterToPlane(raster, spec.colour === 'rgb' ? 3 : 1);
    plane = areaResize(
      source,
      width,
      height,
      cropRegion(adjust.crop ?? null, raster.width, raster.height, aspect),
    );
    inverted = adjust.invert === 'on';
    if (inverted) plane.data.forEach((v, i) => (plane.data[i] = 1 - v));
  }
  const out = toChannels(plane, channels);
  return {
    image: { data: clamp01InPlace(out.data), height, width, channels },
    inverted,
    empty,
  };
}
