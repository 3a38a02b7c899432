/**
 * Area-average resampling: each output pixel is the mean of the source area it covers, with
 * partly covered source pixels weighted by the covered fraction. Downscaling this way is the
 * anti-aliasing the MNIST recipe asks for, and a constant image stays exactly constant.
 */
import type { FloatPlane, Rect } from './raster';

/** For each output index along one axis: the source indices it covers and their weights. */
function coverage(start: number, length: number, size: number, sourceSize: number) {
  const step = length / size;
  const spans: { first: number; weights: number[] }[] = [];
  for (let o = 0; o < size; o++) {
    const a = start + o * step;
    const b = a + step;
    const first = Math.max(0, Math.floor(a));
    const last = Math.min(sourceSize - 1, Math.ceil(b) - 1);
    const weights: number[] = [];
    let total = 0;
    for (let s = first; s <= last; s++) {
      const w = Math.max(0, Math.min(b, s + 1) - Math.max(a, s));
      weights.push(w);
      total += w;
    }
    spans.push({ first, weights: weights.map((w) => (total > 0 ? w / total : 0)) });
  }
  return spans;
}

/**
 * The `region` of `src` (default: all of it) resampled to width x height by area averaging.
 * Separable: rows first, then columns.
 */
export function areaResize(
  src: FloatPlane,
  width: number,
  height: number,
  region: Rect = { x: 0, y: 0, width: src.width, height: src.height },
): FloatPlane {
  if (!(width >= 1 && height >= 1) || !Number.isInteger(width) || !Number.isInteger(height)) {
    throw new RangeError(`areaResize: output size ${width}x${height} is not whole and positive.`);
  }
  const c = src.channels;
  const xs = coverage(region.x, region.width, width, src.width);
  const ys = coverage(region.y, region.height, height, src.height);
  // horizontal pass over the source rows the vertical pass will need
  const rowFirst = ys[0]?.first ?? 0;
  const lastSpan = ys[ys.length - 1];
  const rowLast = lastSpan ? lastSpan.first + lastSpan.weights.length - 1 : rowFirst;
  const rows = Math.max(0, rowLast - rowFirst + 1);
  const tmp = new Float32Array(rows * width * c);
  for (let r = 0; r < rows; r++) {
    const srcRow = (rowFirst + r) * src.width * c;
    for (let o = 0; o < width; o++) {
      const span = xs[o];
      if (!span) continue;
      for (let k = 0; k < c; k++) {
        let acc = 0;
        span.weights.forEach((w, j) => {
          acc += w * (src.data[srcRow + (span.first + j) * c + k] ?? 0);
        });
        tmp[(r * width + o) * c + k] = acc;
      }
    }
  }
  const out = new Float32Array(width * height * c);
  for (let o = 0; o < height; o++) {
    const span = ys[o];
    if (!span) continue;
    for (let x = 0; x < width * c; x++) {
      let acc = 0;
      span.weights.forEach((w, j) => {
        acc += w * (tmp[(span.first - rowFirst + j) * width * c + x] ?? 0);
      });
      out[o * width * c + x] = acc;
    }
  }
  return { width, height, channels: c, data: out };
}

/** The largest centred rectangle of the aspect ratio width:height inside a w x h picture. */
export function centreCrop(w: number, h: number, width: number, height: number): Rect {
  const aspect = width / height;
  if (w / h > aspect) {
    const cw = h * aspect;
    return { x: (w - cw) / 2, y: 0, width: cw, height: h };
  }
  const ch = w / aspect;
  return { x: 0, y: (h - ch) / 2, width: w, height: ch };
}
