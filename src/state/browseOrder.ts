/**
 * The order the image picker walks a test set in. Most sets come shuffled and are walked as
 * stored. A set stored sorted by class (CIFAR-10 as shipped: the first 1,000 are airplanes) is
 * walked one image of each class in turn, so a page of thumbnails and "Next" show every class;
 * the dataset itself, its indices and the URL's index stay as they are.
 */

export interface BrowseOrder {
  /** dataset indices, in browsing order */
  indices: Int32Array;
  /** each dataset index's position in `indices`; -1 for an image that is not browsed */
  positions: Int32Array;
}

/** whether the labels never decrease and hold at least two classes */
export function sortedByClass(labels: ArrayLike<number>): boolean {
  let classes = 1;
  for (let i = 1; i < labels.length; i++) {
    const step = (labels[i] ?? 0) - (labels[i - 1] ?? 0);
    if (step < 0) return false;
    if (step > 0) classes++;
  }
  return classes >= 2;
}

/**
 * The class-interleaved order of `candidates` (ascending dataset indices; null: all images) when
 * the set is sorted by class; null when it is not, so it is walked as stored.
 */
export function browseOrder(
  labels: ArrayLike<number>,
  candidates: Int32Array | null,
): BrowseOrder | null {
  if (!sortedByClass(labels)) return null;
  const byClass = new Map<number, number[]>();
  const count = candidates?.length ?? labels.length;
  for (let k = 0; k < count; k++) {
    const i = candidates ? (candidates[k] ?? 0) : k;
    const label = labels[i] ?? 0;
    const group = byClass.get(label);
    if (group) group.push(i);
    else byClass.set(label, [i]);
  }
  const groups = [...byClass.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
  const indices = new Int32Array(count);
  const positions = new Int32Array(labels.length).fill(-1);
  let p = 0;
  for (let rank = 0; p < count; rank++) {
    for (const group of groups) {
      const i = group[rank];
      if (i === undefined) continue;
      indices[p] = i;
      positions[i] = p++;
    }
  }
  return { indices, positions };
}

/** The image `delta` steps from `index` in `order`, wrapping around. */
export function stepInOrder(order: BrowseOrder, index: number, delta: number): number {
  const n = order.indices.length;
  if (n === 0) return index;
  const p = Math.max(0, order.positions[index] ?? 0);
  return order.indices[(((p + delta) % n) + n) % n] ?? index;
}
