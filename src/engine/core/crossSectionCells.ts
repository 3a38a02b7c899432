/**
 * The cells of a cross-section plane: x + a_i h + b_i v, clipped or not, classified in batches,
 * here or, share by share, on peer engines (peerShares.ts) that rebuild the plane from plain data.
 */
import * as tf from '@tensorflow/tfjs';
import type { CellResults, PlaneSpec } from '../api';
import type { Classifier } from './classifier';
import { EngineError } from './errors';
import { firstLayerOf, type FirstLayerSplit } from './firstLayer';
import { runShared, waysFor, type PeerShares } from './peerShares';
import { readClasses } from './probabilities';
import { imageToTensor } from './tensors';
import { checkImage, type ClipRange } from './validate';

/** One share of a batch of cells, as a peer engine gets it. */
export interface CellsShare {
  plane: PlaneSpec;
  a: Float32Array;
  b: Float32Array;
}

/** Peer engines that evaluate shares of a map's cells. */
export type PeerCells = PeerShares<CellsShare, CellResults>;

/** A plane's tensors on this engine. */
export interface Plane {
  x: tf.Tensor4D;
  h: tf.Tensor4D;
  v: tf.Tensor4D;
  clip: ClipRange | null;
  /** unclipped MLPs: the first-layer pre-activations of x, h and v (Wx + b, Wh, Wv) */
  firstLayer?: { split: FirstLayerSplit; zx: tf.Tensor2D; zh: tf.Tensor2D; zv: tf.Tensor2D };
}

/** Logits of x + a_i h + b_i v for each cell i. */
function cellLogits(c: Classifier, plane: Plane, a: Float32Array, b: Float32Array): tf.Tensor2D {
  const n = a.length;
  const fast = plane.firstLayer;
  if (fast) {
    const z = tf.add(
      fast.zx,
      tf.add(tf.mul(tf.tensor2d(a, [n, 1]), fast.zh), tf.mul(tf.tensor2d(b, [n, 1]), fast.zv)),
    ) as tf.Tensor2D;
    return fast.split.logitsFrom(z);
  }
  const cells = tf.add(
    plane.x,
    tf.add(
      tf.mul(tf.tensor4d(a, [n, 1, 1, 1]), plane.h),
      tf.mul(tf.tensor4d(b, [n, 1, 1, 1]), plane.v),
    ),
  ) as tf.Tensor4D;
  return c.logits(plane.clip === null ? cells : tf.clipByValue(cells, ...plane.clip));
}

/** Class and confidence of x + a_i h + b_i v for each cell i (one batch). */
function evaluateCells(
  c: Classifier,
  plane: Plane,
  a: Float32Array,
  b: Float32Array,
): Promise<CellResults> {
  return readClasses(c, () => cellLogits(c, plane, a, b));
}

/**
 * The plane's tensors (pushed onto `owned` for the caller to dispose); without clipping, an
 * MLP's first layer is linear on it: W(x + a h + b v) = Wx + a Wh + b Wv.
 */
export function planeOf(
  c: Classifier,
  x: tf.Tensor4D,
  horizontal: Float32Array,
  vertical: Float32Array,
  clip: ClipRange | null,
  owned: tf.Tensor[],
): Plane {
  const plane: Plane = {
    x,
    h: tf.tensor4d(horizontal, x.shape),
    v: tf.tensor4d(vertical, x.shape),
    clip,
  };
  owned.push(plane.h, plane.v);
  const split = clip === null ? firstLayerOf(c) : undefined;
  if (split) {
    const z = tf.tidy(() => ({
      zx: split.preactivation(x),
      zh: split.linear(plane.h),
      zv: split.linear(plane.v),
    }));
    plane.firstLayer = { split, ...z };
    owned.push(z.zx, z.zh, z.zv);
  }
  return plane;
}

/**
 * Class and confidence of the cells x + a_i h + b_i v of a plane described in plain data: what a
 * peer engine runs for its share of a map. Same tensors, same path, so the same numbers as the
 * engine that asked.
 */
export async function evaluatePlaneCells(
  c: Classifier,
  spec: PlaneSpec,
  a: Float32Array,
  b: Float32Array,
): Promise<CellResults> {
  checkImage(c.inputShape, spec.image);
  const size = spec.image.data.length;
  if (spec.horizontal.length !== size || spec.vertical.length !== size) {
    throw new EngineError('invalid-argument', 'plane directions must have the image size');
  }
  if (a.length !== b.length) {
    throw new EngineError('invalid-argument', 'a and b must have the same length');
  }
  const x = imageToTensor(spec.image);
  const owned: tf.Tensor[] = [x];
  try {
    const plane = planeOf(c, x, spec.horizontal, spec.vertical, spec.clip, owned);
    return await evaluateCells(c, plane, a, b);
  } finally {
    owned.forEach((t) => t.dispose());
  }
}

/** A chunk of whole rows of cells, shared row-wise with the peers when there are any. */
export async function evaluateChunk(
  c: Classifier,
  plane: Plane,
  spec: PlaneSpec,
  a: Float32Array,
  b: Float32Array,
  rowLength: number,
  peers: PeerCells | undefined,
): Promise<CellResults> {
  const rows = a.length / rowLength;
  const shares = await runShared(
    rows,
    waysFor(peers, rows),
    {
      shareOf: (from, to) => ({
        plane: spec,
        a: a.slice(from * rowLength, to * rowLength),
        b: b.slice(from * rowLength, to * rowLength),
      }),
      runHere: (share) => evaluateCells(c, plane, share.a, share.b),
    },
    peers,
  );
  if (shares.length === 1) return shares[0] as CellResults;
  const predicted = new Int32Array(a.length);
  const confidence = new Float32Array(a.length);
  let offset = 0;
  for (const share of shares) {
    predicted.set(share.predicted, offset);
    confidence.set(share.confidence, offset);
    offset += share.predicted.length;
  }
  return { predicted, confidence };
}
