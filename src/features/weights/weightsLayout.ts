/**
 * Pure helpers of the weights view: paging, which slice of LayerWeights is one image, and where
 * the images go. Slices are views of the engine's numbers, never new numbers.
 */

/** The parts of LayerWeights these helpers read. */
export interface WeightsShape {
  units: number;
  pieces: number;
  imageShape: readonly [number, number, number];
  data: Float32Array;
}

/**
 * How a layer is drawn: 'logistic' (one unit, one piece: w and sign(w) side by side, Fig. 2),
 * 'pieces' (maxout: one row per unit, one column per piece, Fig. 3), 'units' (one image per unit).
 */
export type WeightsDisplay = 'logistic' | 'pieces' | 'units';

export function weightsDisplay(weights: { units: number; pieces: number }): WeightsDisplay {
  if (weights.units === 1 && weights.pieces === 1) return 'logistic';
  return weights.pieces > 1 ? 'pieces' : 'units';
}

/**
 * RGB filters as one colour image, each on its own scale ('filter': small 3x3 conv filters differ
 * a lot in size, and a shared scale greys most of them out) or on the shared one ('colour'); or
 * one diverging image per channel ('channels').
 */
export type RgbMode = 'filter' | 'colour' | 'channels';

/** Images per piece: 1 for grey, 1 for RGB as colour, else one per channel. */
export function shownChannels(channels: number, rgbMode: RgbMode): number {
  return channels === 1 || (channels === 3 && rgbMode !== 'channels') ? 1 : channels;
}

export interface PageInfo {
  /** the page actually shown, clamped to the existing pages */
  page: number;
  pageCount: number;
  /** units [start, end) */
  start: number;
  end: number;
}

/** Page `page` of `units` units, `unitsPerPage` at a time (page 0 first; clamped). */
export function pageInfo(page: number, unitsPerPage: number, units: number): PageInfo {
  const perPage = Math.max(1, Math.floor(unitsPerPage));
  const pageCount = Math.max(1, Math.ceil(units / perPage));
  const shown = Math.min(pageCount - 1, Math.max(0, Math.floor(page)));
  const start = shown * perPage;
  return { page: shown, pageCount, start, end: Math.min(units, start + perPage) };
}

/** The h*w*c weights of one unit's piece (a view into data, unit-major). */
export function unitSlice(weights: WeightsShape, unit: number, piece: number): Float32Array {
  const [h, w, c] = weights.imageShape;
  const size = h * w * c;
  const offset = (unit * weights.pieces + piece) * size;
  if (unit < 0 || unit >= weights.units || piece < 0 || piece >= weights.pieces) {
    throw new RangeError(`no unit ${unit} piece ${piece} in ${weights.units} x ${weights.pieces}`);
  }
  return weights.data.subarray(offset, offset + size);
}

/** Channel `channel` of an HWC image (every c-th value). */
export function channelSlice(
  values: Float32Array,
  channels: number,
  channel: number,
): Float32Array {
  const out = new Float32Array(Math.floor(values.length / channels));
  for (let i = 0; i < out.length; i++) out[i] = values[i * channels + channel] ?? NaN;
  return out;
}

export interface BlockPlacement {
  /** index into the list of units laid out */
  index: number;
  x: number;
  y: number;
  /** top-left corners of the block's images, relative to the block */
  images: { x: number; y: number }[];
}

export interface PanelLayout {
  /** CSS pixels per weight */
  scale: number;
  cellWidth: number;
  cellHeight: number;
  blockWidth: number;
  blockHeight: number;
  blocks: BlockPlacement[];
  height: number;
}

export const LABEL_HEIGHT = 14;
export const IMAGE_GAP = 3;
export const BLOCK_GAP = 10;
/** images are drawn at most this wide (CSS pixels) */
export const MAX_IMAGE_SIZE = 112;

/**
 * Blocks of `imagesPerBlock` images (one unit each: its pieces and channels in a row, under a
 * label line), packed left to right in rows within `width`; each weight is an integer number of
 * CSS pixels so the images stay crisp.
 */
export function panelLayout(
  blockCount: number,
  imagesPerBlock: number,
  imageWidth: number,
  imageHeight: number,
  width: number,
): PanelLayout {
  const k = Math.max(1, imagesPerBlock);
  const fit = Math.floor((width - (k - 1) * IMAGE_GAP) / k / imageWidth);
  const maxScale = Math.max(1, Math.floor(MAX_IMAGE_SIZE / Math.max(imageWidth, imageHeight)));
  const scale = Math.max(1, Math.min(maxScale, fit));
  const cellWidth = imageWidth * scale;
  const cellHeight = imageHeight * scale;
  const blockWidth = k * cellWidth + (k - 1) * IMAGE_GAP;
  const blockHeight = LABEL_HEIGHT + cellHeight;
  const perRow = Math.max(1, Math.floor((width + BLOCK_GAP) / (blockWidth + BLOCK_GAP)));
  const blocks: BlockPlacement[] = [];
  for (let index = 0; index < blockCount; index++) {
    const column = index % perRow;
    const row = Math.floor(index / perRow);
    blocks.push({
      index,
      x: column * (blockWidth + BLOCK_GAP),
      y: row * (blockHeight + BLOCK_GAP),
      images: Array.from({ length: k }, (_, j) => ({
        x: j * (cellWidth + IMAGE_GAP),
        y: LABEL_HEIGHT,
      })),
    });
  }
  const rows = Math.ceil(blockCount / perRow);
  return {
    scale,
    cellWidth,
    cellHeight,
    blockWidth,
    blockHeight,
    blocks,
    height: rows > 0 ? rows * (blockHeight + BLOCK_GAP) - BLOCK_GAP : 0,
  };
}

/**
 * Which colour scale an image uses. RBF centres (pixel values) and precisions are different
 * quantities, so each gets its own scale; every other weight shares one ('w'). Each scale is
 * shared by every model shown.
 */
export type ScaleKey = 'w' | 'rbf-centre' | 'rbf-precision';

export const SCALE_LABELS: Record<ScaleKey, string> = {
  w: 'weight',
  'rbf-centre': 'RBF centre μ',
  'rbf-precision': 'RBF precision β',
};

export function scaleKey(kind: string, piece: number): ScaleKey {
  if (kind !== 'rbf') return 'w';
  return piece === 0 ? 'rbf-centre' : 'rbf-precision';
}

/** Half-width of each symmetric colour scale: max |value| over every model's images using it. */
export function sharedScales(
  panels: readonly { weights: WeightsShape & { kind: string } }[],
): Map<ScaleKey, number> {
  const scales = new Map<ScaleKey, number>();
  for (const { weights } of panels) {
    for (let unit = 0; unit < weights.units; unit++) {
      for (let piece = 0; piece < weights.pieces; piece++) {
        const key = scaleKey(weights.kind, piece);
        const values = unitSlice(weights, unit, piece);
        let max = scales.get(key) ?? 0;
        for (const v of values) if (Number.isFinite(v) && Math.abs(v) > max) max = Math.abs(v);
        scales.set(key, max);
      }
    }
  }
  return scales;
}
