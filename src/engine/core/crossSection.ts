/**
 * Cross-section maps (Goodfellow's lecture): the plane through x spanned by the FGSM direction
 * (horizontal) and a random direction orthogonal to it (vertical), both of max-norm 1, sampled on
 * a resolution x resolution grid of [-epsMax, epsMax]^2 and coloured by the predicted class.
 */
import * as tf from '@tensorflow/tfjs';
import type {
  CellResults,
  PlaneSpec,
  CrossSectionParams,
  CrossSectionPartial,
  CrossSectionResult,
  ImageData01,
  LabelSource,
  Progress,
} from '../api';
import { symmetricGrid } from '../../shared/epsGrid';
import { evenCuts } from '../../shared/evenCuts';
import { createRng } from '../../shared/rng';
import type { Classifier } from './classifier';
import { EngineError } from './errors';
import { firstLayerOf, type FirstLayerSplit } from './firstLayer';
import { gradientSign } from './gradient';
import { lossLabelOf } from './labels';
import { readClasses } from './probabilities';
import { imageToTensor, readFloat32 } from './tensors';
import {
  checkCrossSectionParams,
  checkImage,
  checkLabelChoice,
  checkSeed,
  type ClipRange,
} from './validate';

export type { CellResults, PlaneSpec };

/** Images per chunk when the caller does not say: a few hundred ms on slow backends. */
export const DEFAULT_CHUNK_SIZE = 2048;
/** The coarse preview is resolution / 4 per side, but at least this. */
export const MIN_COARSE_RESOLUTION = 8;

export interface CrossSectionDirections {
  /** sign(grad_x J(x, lossLabel)), max-norm 1 */
  horizontal: Float32Array;
  /** seeded Gaussian, orthogonal to `horizontal`, max-norm 1 */
  vertical: Float32Array;
  lossLabel: number;
}

/**
 * Evaluates cells of a map on another engine (a peer worker): the same model, the same plane,
 * the cells x + a_i h + b_i v. Rejecting makes the caller compute those cells itself.
 */
export interface RemoteCells {
  evaluate(plane: PlaneSpec, a: Float32Array, b: Float32Array): Promise<CellResults>;
  /** how many of the evaluators (this engine and the remote ones) share each chunk */
  readonly ways: number;
}

export interface CrossSectionHooks {
  onProgress?(progress: Progress<CrossSectionPartial>): void;
  /** polled before every chunk; true stops the call with EngineError('cancelled') */
  shouldCancel?(): boolean;
  /** images per chunk (whole rows; at least one row) */
  chunkSize?: number;
  /** other engines that take a share of every chunk, computed meanwhile */
  remote?: RemoteCells;
}

/**
 * v = g - (g.h / h.h) h (Gram-Schmidt in float64), then v / max|v|. Scaling keeps v.h = 0; when
 * h is all zeros (a saturated loss) there is nothing to remove and v is plain scaled noise.
 */
export function orthogonalDirection(horizontal: Float32Array, seed: number): Float32Array {
  const g = createRng(seed).fillGaussian(new Float64Array(horizontal.length));
  let gh = 0;
  let hh = 0;
  for (let i = 0; i < g.length; i++) {
    const h = horizontal[i] as number;
    gh += (g[i] as number) * h;
    hh += h * h;
  }
  const coefficient = hh > 0 ? gh / hh : 0;
  let maxAbs = 0;
  for (let i = 0; i < g.length; i++) {
    const v = (g[i] as number) - coefficient * (horizontal[i] as number);
    g[i] = v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const vertical = new Float32Array(g.length);
  if (maxAbs > 0) for (let i = 0; i < g.length; i++) vertical[i] = (g[i] as number) / maxAbs;
  return vertical;
}

async function directionsOf(
  c: Classifier,
  x: tf.Tensor4D,
  labelSource: LabelSource,
  trueLabel: number | undefined,
  seed: number,
): Promise<CrossSectionDirections> {
  const lossLabel = await lossLabelOf(c, x, { labelSource, trueLabel });
  const d = tf.tidy(() => gradientSign(c, x, tf.tensor1d([lossLabel], 'int32')));
  let horizontal: Float32Array;
  try {
    horizontal = await readFloat32(d);
  } finally {
    d.dispose();
  }
  return { horizontal, vertical: orthogonalDirection(horizontal, seed), lossLabel };
}

export async function crossSectionDirections(
  c: Classifier,
  image: ImageData01,
  labelSource: LabelSource,
  trueLabel: number | undefined,
  seed: number,
): Promise<CrossSectionDirections> {
  checkImage(c.inputShape, image);
  const choice = checkLabelChoice(labelSource, trueLabel, c.numClasses);
  checkSeed(seed);
  const x = imageToTensor(image);
  try {
    return await directionsOf(c, x, choice.labelSource, choice.trueLabel, seed);
  } finally {
    x.dispose();
  }
}

/** Side lengths to compute: a coarse preview when it is smaller than the target, then the map. */
export function crossSectionLevels(resolution: number): number[] {
  const coarse = Math.max(MIN_COARSE_RESOLUTION, Math.round(resolution / 4));
  return coarse < resolution ? [coarse, resolution] : [resolution];
}

interface Plane {
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
async function evaluateCells(
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
function planeOf(
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

/** Cells [from, to) of a batch, as their own arrays. */
function cellRange(a: Float32Array, b: Float32Array, from: number, to: number) {
  return { a: a.slice(from, to), b: b.slice(from, to) };
}

/**
 * One chunk of cells: with remote evaluators, the last shares go to them and run while this
 * engine computes the first share; a failed remote share is computed here instead.
 */
async function evaluateChunk(
  c: Classifier,
  plane: Plane,
  spec: PlaneSpec,
  a: Float32Array,
  b: Float32Array,
  rowLength: number,
  remote: RemoteCells | undefined,
): Promise<CellResults> {
  const rows = a.length / rowLength;
  if (!remote || remote.ways < 2 || rows < 2) return evaluateCells(c, plane, a, b);
  const ways = Math.min(remote.ways, rows);
  const bounds = evenCuts(rows, ways).map((row) => row * rowLength);
  const remoteShares = bounds.slice(1, -1).map((from, k) => {
    const part = cellRange(a, b, from, bounds[k + 2] as number);
    return remote
      .evaluate(spec, part.a, part.b)
      .catch(() => evaluateCells(c, plane, part.a, part.b));
  });
  const first = cellRange(a, b, 0, bounds[1] as number);
  const local = await evaluateCells(c, plane, first.a, first.b);
  const shares = [local, ...(await Promise.all(remoteShares))];
  const predicted = new Int32Array(a.length);
  const confidence = new Float32Array(a.length);
  shares.forEach((share, k) => {
    predicted.set(share.predicted, bounds[k]);
    confidence.set(share.confidence, bounds[k]);
  });
  return { predicted, confidence };
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export async function crossSectionImage(
  c: Classifier,
  image: ImageData01,
  params: CrossSectionParams,
  hooks: CrossSectionHooks = {},
): Promise<CrossSectionResult> {
  checkImage(c.inputShape, image);
  const p = checkCrossSectionParams(params, c.numClasses);
  const chunkSize = hooks.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new EngineError(
      'invalid-argument',
      `chunkSize must be a positive integer, got ${chunkSize}`,
    );
  }
  const cancelIfAsked = (): void => {
    if (hooks.shouldCancel?.() === true)
      throw new EngineError('cancelled', 'cross-section cancelled');
  };
  const levels = crossSectionLevels(p.resolution);
  const total = levels.reduce((sum, r) => sum + r * r, 0);
  let done = 0;

  const x = imageToTensor(image);
  const tensors: tf.Tensor[] = [x];
  try {
    cancelIfAsked();
    const { horizontal, vertical } = await directionsOf(c, x, p.labelSource, p.trueLabel, p.seed);
    const plane = planeOf(c, x, horizontal, vertical, p.clip, tensors);
    const spec: PlaneSpec = { image, horizontal, vertical, clip: p.clip };

    let predictedClass = new Int32Array(0);
    let confidence = new Float32Array(0);
    for (const resolution of levels) {
      const grid = symmetricGrid(p.epsMax, resolution);
      predictedClass = new Int32Array(resolution * resolution).fill(-1);
      confidence = new Float32Array(resolution * resolution);
      const rowsPerChunk = Math.max(1, Math.floor(chunkSize / resolution));
      for (let row0 = 0; row0 < resolution; row0 += rowsPerChunk) {
        cancelIfAsked();
        const rows = Math.min(rowsPerChunk, resolution - row0);
        const a = new Float32Array(rows * resolution);
        const b = new Float32Array(rows * resolution);
        for (let r = 0; r < rows; r++) {
          // Row 0 is +epsMax of the vertical axis; column 0 is -epsMax of the horizontal one.
          const vertical = grid[resolution - 1 - (row0 + r)] as number;
          for (let col = 0; col < resolution; col++) {
            a[r * resolution + col] = grid[col] as number;
            b[r * resolution + col] = vertical;
          }
        }
        const cells = await evaluateChunk(c, plane, spec, a, b, resolution, hooks.remote);
        predictedClass.set(cells.predicted, row0 * resolution);
        confidence.set(cells.confidence, row0 * resolution);
        done += rows * resolution;
        const partial: CrossSectionPartial = {
          resolution,
          rowsDone: row0 + rows,
          predictedClass: predictedClass.slice(),
          confidence: confidence.slice(),
        };
        hooks.onProgress?.({ done, total, partial });
        // Let queued messages (a cancel) run before the next chunk.
        await nextTask();
      }
    }
    return {
      resolution: p.resolution,
      epsMax: p.epsMax,
      predictedClass,
      confidence,
      horizontal,
      vertical,
    };
  } finally {
    tensors.forEach((t) => t.dispose());
  }
}
