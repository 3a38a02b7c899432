/**
 * How a model's classes relate to its test set's labels. Most models use every class of their
 * dataset; some use a subset (the paper's logistic regression on MNIST 3s and 7s), and then only
 * the test images of those classes can be shown, and labels are renumbered by class name.
 */

export interface LabelMap {
  /** dataset label -> model class index, -1 where the model has no such class */
  toModel: Int16Array;
  /** the model knows only some of the dataset's classes */
  subset: boolean;
}

/**
 * Same names (or same count): identity. Model names all among the dataset's: by name. Otherwise
 * the labels cannot be related: null (the attack then uses the model's own prediction).
 */
export function labelMapFor(
  datasetNames: readonly string[],
  modelNames: readonly string[],
): LabelMap | null {
  const toModel = new Int16Array(datasetNames.length).fill(-1);
  const byName = datasetNames.map((name) => modelNames.indexOf(name));
  const matched = byName.filter((i) => i >= 0).length;
  if (matched === modelNames.length && new Set(byName.filter((i) => i >= 0)).size === matched) {
    byName.forEach((m, label) => (toModel[label] = m));
    return { toModel, subset: matched < datasetNames.length };
  }
  if (modelNames.length === datasetNames.length) {
    toModel.forEach((_, label) => (toModel[label] = label));
    return { toModel, subset: false };
  }
  return null;
}

/** Indices of the images whose label the model knows, ascending; null when that is all of them. */
export function eligibleIndices(labels: Uint8Array, map: LabelMap | null): Int32Array | null {
  if (!map?.subset) return null;
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) if ((map.toModel[labels[i] ?? 0] ?? -1) >= 0) out.push(i);
  return Int32Array.from(out);
}

/** Position of the first entry >= index in an ascending list (list.length when none). */
export function lowerBound(list: Int32Array, index: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] ?? 0) < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The image `delta` eligible steps from `index`, wrapping around; snaps first if not eligible. */
export function stepEligible(list: Int32Array, index: number, delta: number): number {
  if (list.length === 0) return index;
  let pos = lowerBound(list, index);
  const exact = list[pos] === index;
  // an ineligible index sits just below list[pos]: one step forward lands on list[pos]
  if (!exact && delta > 0) pos -= 1;
  const target = (((pos + delta) % list.length) + list.length) % list.length;
  return list[target] ?? index;
}

/** The eligible image at or after `index` (wrapping to the first). */
export function snapEligible(list: Int32Array, index: number): number {
  if (list.length === 0) return index;
  return list[lowerBound(list, index) % list.length] ?? index;
}
