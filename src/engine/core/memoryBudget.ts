/**
 * How many images one batch of a model may hold, by bytes rather than by count: a 2,048-cell
 * chunk of a cross-section is 6 MiB of pixels on MNIST but 1.2 GiB on a 224x224x3 ImageNet
 * model, past wasm's heap (issue 13: "memory access out of bounds", and every later call broken).
 *
 * Each classifier's footprint is measured once, at the first batch of more than SMALL_BATCH
 * images (not at load: that would compile other shapes on a GPU before the first result): the
 * engine's peak bytes of a forward pass (and, before an experiment, of an input gradient) on two
 * images minus one is what each more image costs, activations included. Every batching op
 * (predict, sweep, cross-section, experiments) caps its batches to what fits the budget.
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from './classifier';
import { gradientSign } from './gradient';

/** What each image of a batch adds to the engine's peak memory, in bytes. */
export interface MemoryFootprint {
  forwardBytesPerImage: number;
  /** measured when first needed (an experiment): an input gradient of a big model is slow on a CPU */
  gradientBytesPerImage?: number;
}

/** Bytes one batch may take: wasm32's heap is 2-4 GiB and fragments; a GPU buffer binding is often 128 MiB+. */
export const DEFAULT_BATCH_BUDGET_BYTES = 256 * 1024 * 1024;

const footprints = new WeakMap<Classifier, MemoryFootprint>();
/** the latest measurement per model id, for reports (bench, memory()) */
const byId = new Map<string, MemoryFootprint>();
let budgetBytes = DEFAULT_BATCH_BUDGET_BYTES;

/** The budget every batch is sized against (the worker sets it per backend; tests make it tiny). */
export function setBatchBudget(bytes: number): void {
  if (!Number.isFinite(bytes) || bytes <= 0)
    throw new Error(`batch budget must be > 0, got ${bytes}`);
  budgetBytes = bytes;
}

export function batchBudget(): number {
  return budgetBytes;
}

async function peakBytes(run: () => tf.Tensor): Promise<number> {
  const info = await tf.profile(async () => {
    const out = run();
    await out.data();
    out.dispose();
  });
  return info.peakBytes;
}

/** What one more image adds to the peak bytes of `make` on a batch of `c`'s images. */
async function perImageBytes(c: Classifier, make: (x: tf.Tensor4D) => tf.Tensor): Promise<number> {
  const [h, w, ch] = c.inputShape;
  {
    const one = tf.zeros([1, h, w, ch]) as tf.Tensor4D;
    const two = tf.zeros([2, h, w, ch]) as tf.Tensor4D;
    try {
      const a = await peakBytes(() => make(one));
      const b = await peakBytes(() => make(two));
      // never below the pixels themselves: a backend may reuse buffers between the two runs
      return Math.max(b - a, 4 * h * w * ch);
    } finally {
      tf.dispose([one, two]);
    }
  }
}

/** Measures and remembers what one more image of a forward pass costs `c`. */
export async function measureFootprint(c: Classifier): Promise<MemoryFootprint> {
  const footprint = { forwardBytesPerImage: await perImageBytes(c, (x) => c.logits(x)) };
  rememberFootprint(c, footprint);
  return footprint;
}

/** Adds the input gradient's footprint to a measured model's, once. */
export async function measureGradientFootprint(c: Classifier): Promise<void> {
  const footprint = footprints.get(c) ?? (await measureFootprint(c));
  if (footprint.gradientBytesPerImage !== undefined) return;
  const bytes = await perImageBytes(c, (x) =>
    tf.tidy(() => gradientSign(c, x, tf.zeros([x.shape[0]], 'int32') as tf.Tensor1D)),
  );
  rememberFootprint(c, { ...footprint, gradientBytesPerImage: bytes });
}

export function footprintOf(c: Classifier): MemoryFootprint | undefined {
  return footprints.get(c);
}

export function rememberFootprint(c: Classifier, footprint: MemoryFootprint): void {
  footprints.set(c, footprint);
  byId.set(c.id, footprint);
}

/** The footprint last measured for a model id (for reports; ops use the classifier's own). */
export function measuredFootprint(id: string): MemoryFootprint | undefined {
  return byId.get(id);
}

/** Batches this small fit any budget: they need no measurement. */
export const SMALL_BATCH = 16;

/** batchLimit, measuring `c`'s forward footprint first when the batch asked for is not small. */
export async function fittingBatch(c: Classifier, wanted: number): Promise<number> {
  if (wanted > SMALL_BATCH && !footprints.has(c)) await measureFootprint(c);
  return Math.max(1, batchLimit(c, 'forward', wanted));
}

/**
 * The largest batch of `c` within the budget for a forward pass or an input gradient, at most
 * `wanted` and at least 1; `wanted` itself where nothing was measured (a model in a unit test).
 */
export function batchLimit(c: Classifier, kind: 'forward' | 'gradient', wanted: number): number {
  const footprint = footprints.get(c);
  if (!footprint) return wanted;
  const perImage =
    kind === 'forward'
      ? footprint.forwardBytesPerImage
      : (footprint.gradientBytesPerImage ?? footprint.forwardBytesPerImage);
  return Math.max(1, Math.min(wanted, Math.floor(budgetBytes / perImage)));
}
