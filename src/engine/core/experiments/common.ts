/**
 * What every experiment runner shares: chunking with progress and cancel, per-image seeded
 * noise (so a run's numbers do not depend on how it is chunked), the adversarial batch of an
 * ExperimentAttack, and read-back of predictions.
 */
import * as tf from '@tensorflow/tfjs';
import type { Progress } from '../../api';
import type {
  AttackShareOutcome,
  AttackShareSpec,
  ErrorFigures,
  ExperimentAttack,
  ExperimentImages,
  ExperimentPartial,
} from '../../experimentTypes';
import { createRng } from '../../../shared/rng';
import { attackBatch, type AttackSpec } from '../attack';
import type { Classifier } from '../classifier';
import { batchLimit, measureGradientFootprint } from '../memoryBudget';
import type { PeerShares } from '../peerShares';
import { EngineError } from '../errors';
import { readClasses } from '../probabilities';
import {
  checkClassIndex,
  checkEps,
  checkMode,
  checkSeed,
  checkStepSize,
  checkSteps,
} from '../validate';

/** Images per chunk when the caller does not say. */
export const EXPERIMENT_CHUNK = 500;

/** Peer engines that compute shares of a test-set attack's chunks meanwhile. */
export type PeerAttackShares = PeerShares<AttackShareSpec, AttackShareOutcome>;

export interface ExperimentHooks {
  onProgress?(progress: Progress<ExperimentPartial>): void;
  /** polled before every chunk; true stops the run with EngineError('cancelled') */
  shouldCancel?(): boolean;
  /** images per chunk (default EXPERIMENT_CHUNK) */
  chunkSize?: number;
  /** at most this many images per chunk: what the models' memory budget allows (withBudget) */
  chunkCap?: number;
  /** the peers that hold this model, if any: they take shares of every chunk */
  peersFor?(modelId: string): PeerAttackShares | undefined;
}

export function invalid(message: string): never {
  throw new EngineError('invalid-argument', message);
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Counts work units, reports them, and lets queued messages (a cancel) in between chunks. */
export class ProgressCounter {
  private done = 0;
  constructor(
    private readonly hooks: ExperimentHooks,
    private readonly total: number,
  ) {}

  checkCancel(): void {
    if (this.hooks.shouldCancel?.() === true) {
      throw new EngineError('cancelled', 'experiment cancelled');
    }
  }

  async step(units: number, stage: string): Promise<void> {
    this.done += units;
    const partial: ExperimentPartial = { stage };
    this.hooks.onProgress?.({ done: this.done, total: this.total, partial });
    await nextTask();
    this.checkCancel();
  }
}

export function chunkSizeOf(hooks: ExperimentHooks): number {
  const size = hooks.chunkSize ?? EXPERIMENT_CHUNK;
  if (!Number.isInteger(size) || size < 1) {
    invalid(`chunkSize must be a positive integer, got ${size}`);
  }
  return Math.min(size, hooks.chunkCap ?? size);
}

/** `hooks` with chunks capped to what every one of `models` can attack within the memory budget. */
export async function withBudget(
  hooks: ExperimentHooks,
  models: readonly Classifier[],
): Promise<ExperimentHooks> {
  for (const c of models) await measureGradientFootprint(c);
  const cap = models.reduce(
    (least, c) => Math.min(least, batchLimit(c, 'gradient', least)),
    hooks.chunkCap ?? EXPERIMENT_CHUNK,
  );
  return { ...hooks, chunkCap: cap };
}

/** How long one chunk should take when the caller sets no chunk size: progress ~5 times a second. */
export const CHUNK_TARGET_MS = 200;
/** The first chunk of an adaptive run: small, so a slow model (a conv net on a CPU) reports soon. */
export const FIRST_ADAPTIVE_CHUNK = 50;

/**
 * [start, count] of each chunk of `total` items, for a loop whose body processes the chunk. With
 * `hooks.chunkSize` every chunk has that size. Without it the first has FIRST_ADAPTIVE_CHUNK items
 * and each next one is sized from the time the loop body took on the previous one, aiming at
 * CHUNK_TARGET_MS (at most EXPERIMENT_CHUNK items): an MLP on MNIST keeps chunks of 500, a conv
 * net on wasm drops to a few dozen. Results do not depend on the chunking (noise is seeded per
 * item), only how often progress and cancel are seen.
 */
export function* chunksFor(
  total: number,
  hooks: ExperimentHooks,
  now: () => number = () => performance.now(),
): Generator<[number, number]> {
  if (hooks.chunkSize !== undefined) {
    yield* chunks(total, chunkSizeOf(hooks));
    return;
  }
  const most = Math.min(EXPERIMENT_CHUNK, hooks.chunkCap ?? EXPERIMENT_CHUNK);
  let size = Math.min(FIRST_ADAPTIVE_CHUNK, most);
  for (let start = 0; start < total;) {
    const count = Math.min(size, total - start);
    const began = now();
    yield [start, count];
    const took = now() - began;
    start += count;
    const scaled = took > 0 ? Math.round((count * CHUNK_TARGET_MS) / took) : most;
    size = Math.max(1, Math.min(most, scaled));
  }
}

/** [start, count] of each chunk of `total` items. */
export function chunks(total: number, size: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let start = 0; start < total; start += size)
    out.push([start, Math.min(size, total - start)]);
  return out;
}

/**
 * The seed of item `index` in a run with `seed`: a 32-bit mix, so neighbouring items (and
 * neighbouring seeds) get unrelated streams.
 */
export function itemSeed(seed: number, index: number): number {
  let h = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = (h ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Noise of items start..start+count-1, `size` values each, item i from itemSeed(seed, i). */
export function seededNoise(
  seed: number,
  start: number,
  count: number,
  size: number,
  fill: 'gaussian' | 'sign' | 'uniform',
  scale = 1,
): Float32Array {
  const out = new Float32Array(count * size);
  for (let k = 0; k < count; k++) {
    const rng = createRng(itemSeed(seed, start + k));
    const view = out.subarray(k * size, (k + 1) * size);
    if (fill === 'gaussian') rng.fillGaussian(view, 0, scale);
    else if (fill === 'sign') rng.fillSign(view, scale);
    else rng.fillUniform(view, -scale, scale);
  }
  return out;
}

export function checkSameShape(
  models: readonly Classifier[],
  shape: [number, number, number],
): void {
  const first = models[0];
  if (first === undefined) invalid('an experiment needs at least one model');
  for (const m of models) {
    if (m.inputShape.join() !== shape.join()) {
      invalid(`${m.id} wants ${m.inputShape.join('x')} images, the run has ${shape.join('x')}`);
    }
    if (m.numClasses !== first.numClasses) {
      invalid(`${m.id} has ${m.numClasses} classes, ${first.id} has ${first.numClasses}`);
    }
  }
}

/** Checks a run of images against the models; labels must be classes of the models. */
export function checkExperimentImages(
  images: ExperimentImages,
  models: readonly Classifier[],
): void {
  if (typeof images !== 'object' || images === null) invalid('images must be an object');
  const { data, labels, count, shape } = images;
  if (!(data instanceof Float32Array)) invalid('images.data must be a Float32Array');
  if (!(labels instanceof Int32Array)) invalid('images.labels must be an Int32Array');
  if (!Number.isInteger(count) || count < 1) invalid(`images.count must be >= 1, got ${count}`);
  if (!Array.isArray(shape) || shape.length !== 3) invalid('images.shape must be [h, w, c]');
  const size = shape[0] * shape[1] * shape[2];
  if (data.length !== count * size) {
    invalid(
      `images.data has ${data.length} values, ${count} images of ${shape.join('x')} need ${count * size}`,
    );
  }
  if (labels.length !== count)
    invalid(`images.labels has ${labels.length} entries, count ${count}`);
  checkSameShape(models, shape);
  const numClasses = models[0]?.numClasses ?? 0;
  labels.forEach((label) => checkClassIndex(label, numClasses, 'label'));
}

export interface CheckedAttack {
  mode: ExperimentAttack['mode'];
  labelSource: 'true' | 'predicted';
  targetClass?: number;
  steps?: number;
  stepSize?: number;
}

export function checkExperimentAttack(attack: ExperimentAttack, numClasses: number): CheckedAttack {
  if (typeof attack !== 'object' || attack === null) invalid('attack must be an object');
  const mode = checkMode(attack.mode);
  const labelSource = attack.labelSource ?? 'true';
  if (labelSource !== 'true' && labelSource !== 'predicted') {
    invalid(`labelSource must be 'true' or 'predicted', got ${String(labelSource)}`);
  }
  const checked: CheckedAttack = { mode, labelSource };
  if (mode === 'targeted' && attack.targetClass === undefined) {
    invalid("attack 'targeted' needs targetClass");
  }
  if (attack.targetClass !== undefined) {
    checked.targetClass = checkClassIndex(attack.targetClass, numClasses, 'targetClass');
  }
  if (attack.steps !== undefined) checked.steps = checkSteps(attack.steps);
  if (attack.stepSize !== undefined) checked.stepSize = checkStepSize(attack.stepSize);
  return checked;
}

export function checkEpsList(eps: unknown): number[] {
  if (!Array.isArray(eps) || eps.length === 0) invalid('eps must be a non-empty list');
  return eps.map((e) => checkEps(e));
}

export { checkEps, checkSeed };

/** The images start..start+count-1 of a run as a tensor. */
export function imagesTensor(images: ExperimentImages, start: number, count: number): tf.Tensor4D {
  const size = images.shape[0] * images.shape[1] * images.shape[2];
  return tf.tensor4d(images.data.subarray(start * size, (start + count) * size), [
    count,
    ...images.shape,
  ]);
}

/** Predicted class (argmax of the logits) and its probability (c's own rule), read back. */
export async function classify(
  c: Classifier,
  x: tf.Tensor4D,
): Promise<{ predicted: Int32Array; confidence: Float32Array }> {
  return readClasses(c, () => c.logits(x));
}

/**
 * The attacked batch for images start..start+count-1 (x holds them): FGSM, targeted and PGD
 * through attackBatch; the two noise controls from per-image seeds, clip(x + noise, 0, 1).
 * `lossLabels` are the labels the untargeted loss raises (true or predicted ones).
 */
export function attackedBatch(
  c: Classifier,
  x: tf.Tensor4D,
  attack: CheckedAttack,
  eps: number,
  lossLabels: Int32Array,
  seed: number,
  start: number,
): tf.Tensor4D {
  if (attack.mode === 'random-sign' || attack.mode === 'uniform') {
    const [n, h, w, ch] = x.shape;
    const fill = attack.mode === 'random-sign' ? 'sign' : 'uniform';
    const noise = seededNoise(seed, start, n, h * w * ch, fill, eps);
    return tf.tidy(() => tf.clipByValue(tf.add(x, tf.tensor4d(noise, x.shape)), 0, 1));
  }
  const spec: AttackSpec = { mode: attack.mode, eps, labels: lossLabels, clip: [0, 1], seed };
  if (attack.targetClass !== undefined) spec.target = attack.targetClass;
  if (attack.steps !== undefined) spec.steps = attack.steps;
  if (attack.stepSize !== undefined) spec.stepSize = attack.stepSize;
  return attackBatch(c, x, spec);
}

/** Running error count and summed confidence on mistakes. */
export class ErrorTally {
  count = 0;
  errors = 0;
  confidenceSum = 0;

  add(predicted: Int32Array, confidence: Float32Array, labels: Int32Array, offset = 0): void {
    for (let i = 0; i < predicted.length; i++) {
      this.count++;
      if (predicted[i] !== labels[offset + i]) {
        this.errors++;
        this.confidenceSum += confidence[i] as number;
      }
    }
  }

  figures(): ErrorFigures {
    return {
      count: this.count,
      errorRate: this.count > 0 ? this.errors / this.count : 0,
      meanConfidenceOnMistakes: this.errors > 0 ? this.confidenceSum / this.errors : 0,
    };
  }
}
