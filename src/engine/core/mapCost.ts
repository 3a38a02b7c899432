/**
 * What a cross-section map costs a model on the active backend, measured once per classifier
 * when the view first asks (src/shared/mapEstimate.ts turns it into the estimate shown before a
 * long map starts): a forward pass of a small batch, timed after a warm-up run (per cell), and
 * one input gradient (the map's FGSM direction). A map's batches are larger, so the cells cost
 * a little less there on a GPU; on the CPU backends a big model's cells cost about the same.
 */
import * as tf from '@tensorflow/tfjs';
import type { MapCost } from '../../shared/mapEstimate';
import type { Classifier } from './classifier';
import { gradientSign } from './gradient';
import { fittingBatch } from './memoryBudget';

/** Images of the first timed forward pass: quick on any model. */
const TIMED_BATCH = 8;
/** A small model's cells cost mostly call overhead in a batch of 8: it is timed again on this many. */
const SMALL_MODEL_BATCH = 256;
/** a batch of TIMED_BATCH faster than this is a small model's */
const SMALL_MODEL_MS = 10;

const costs = new WeakMap<Classifier, MapCost>();

async function timed(run: () => tf.Tensor): Promise<number> {
  const start = performance.now();
  const out = run();
  await out.data();
  out.dispose();
  return performance.now() - start;
}

export async function measureMapCost(c: Classifier): Promise<MapCost> {
  const known = costs.get(c);
  if (known) return known;
  const [h, w, ch] = c.inputShape;
  const one = tf.zeros([1, h, w, ch]) as tf.Tensor4D;
  const label = tf.zeros([1], 'int32') as tf.Tensor1D;
  try {
    let cellMs = await perCell(c, await fittingBatch(c, TIMED_BATCH));
    if (cellMs * TIMED_BATCH < SMALL_MODEL_MS) {
      cellMs = await perCell(c, await fittingBatch(c, SMALL_MODEL_BATCH));
    }
    const directionMs = await timed(() => tf.tidy(() => gradientSign(c, one, label)));
    const cost = { cellMs, directionMs };
    costs.set(c, cost);
    return cost;
  } finally {
    tf.dispose([one, label]);
  }
}

/** ms per image of a forward pass of `batch` images, timed after a warm-up run of that shape. */
async function perCell(c: Classifier, batch: number): Promise<number> {
  const [h, w, ch] = c.inputShape;
  const x = tf.zeros([batch, h, w, ch]) as tf.Tensor4D;
  try {
    const forward = () => c.logits(x);
    await timed(forward); // compiles this shape on a GPU, warms the caches
    return (await timed(forward)) / batch;
  } finally {
    x.dispose();
  }
}
