/**
 * How localised first-layer weights are (paper Fig. 3: adversarial training makes maxout units
 * "more localized and interpretable"): for each filter (one unit's piece), the share of its weight
 * mass sum |w| that lies in its largest-|w| 10% of pixels, averaged over every filter of the layer,
 * not just the page shown. Weights spread evenly give 10%; a filter that uses a few pixels only
 * gives nearly 100%. A colour pixel's mass is the sum over its channels, so a pixel is a place in
 * the image, as the reader sees it. A summary of the engine's weights, computed where the maps'
 * and sweeps' facts are (shared/), so the screen and an export say the same.
 */

/** The part of LayerWeights this needs (structural: shared/ does not import the engine). */
export interface LocalisationInput {
  kind: string;
  units: number;
  pieces: number;
  imageShape: readonly [number, number, number];
  data: Float32Array;
}

export interface Localisation {
  /** mean over filters of (mass in the top pixels) / (total mass), in [fraction, 1] */
  topShare: number;
  /** the fraction of pixels counted as "top" (0.1) */
  fraction: number;
  /** pixels per filter, and how many of them are the top ones */
  pixels: number;
  topPixels: number;
  /** filters averaged (all-zero filters are left out: they have no mass to place) */
  filters: number;
}

export const TOP_FRACTION = 0.1;

/**
 * The layer's localisation, or null for RBF layers (their images are class centres and
 * precisions, not weights whose mass could be spread or concentrated) and for empty layers.
 */
export function weightsLocalisation(
  weights: LocalisationInput,
  fraction = TOP_FRACTION,
): Localisation | null {
  if (weights.kind === 'rbf') return null;
  const [h, w, c] = weights.imageShape;
  const pixels = h * w;
  const size = pixels * c;
  const topPixels = Math.max(1, Math.ceil(fraction * pixels));
  const mass = new Float64Array(pixels);
  let sum = 0;
  let filters = 0;
  for (let f = 0; f < weights.units * weights.pieces; f++) {
    const offset = f * size;
    let total = 0;
    for (let p = 0; p < pixels; p++) {
      let m = 0;
      for (let k = 0; k < c; k++) m += Math.abs(weights.data[offset + p * c + k] ?? 0);
      mass[p] = m;
      total += m;
    }
    if (!(total > 0)) continue;
    // ascending numeric sort of a typed array: the top pixels are the last ones
    mass.sort();
    let top = 0;
    for (let p = pixels - topPixels; p < pixels; p++) top += mass[p] ?? 0;
    sum += top / total;
    filters++;
  }
  if (filters === 0) return null;
  return { topShare: sum / filters, fraction, pixels, topPixels, filters };
}

/** "Maxout (naive): top 10% of pixels hold 31% of |w| (avg. of 1200 filters)" */
export function localisationLine(title: string, loc: Localisation | null): string {
  if (!loc) return `${title}: no localisation summary (RBF centres are not weights)`;
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return (
    `${title}: top ${pct(loc.fraction)} of pixels hold ${pct(loc.topShare)} of |w|` +
    ` (mean of ${loc.filters} filters)`
  );
}
