/**
 * How long the longest synchronous stretch of an engine call may take: the worker announces it
 * (heartbeat.ts), so the client tells a worker busy in one long tfjs step from a hung one. On
 * wasm a whole attack, sweep or map chunk is one stretch (its awaits resolve at once), and the
 * longest ones are long: on the 2-core machine under load, a 2,048-cell chunk of a cifar10-conv
 * map took 6.5-10 s, a 2,001-point sweep 7.7 s, PGD with 100 steps 6.6 s.
 *
 * The estimates come from what the engine measures of each model when it loads it (one FGSM
 * on one image, one forward pass of a small batch) and err long: per-image costs of a single
 * image or a small batch are above those of the large batches the calls run.
 */
import * as tf from '@tensorflow/tfjs';
import type {
  AttackParams,
  AttackShareSpec,
  CrossSectionParams,
  ExperimentSpec,
  SweepParams,
} from '../api';
import { attackImage, crossSectionLevels, DEFAULT_CHUNK_SIZE, type Classifier } from '../core';
import { EXPERIMENT_CHUNK } from '../core/experiments';

/** What one model costs on this backend, measured when it was loaded. */
export interface ModelCost {
  /** one FGSM (forward, gradient, forward) on one image: the model's warm-up */
  gradMs: number;
  /** one image of a forward pass of FORWARD_BATCH images */
  forwardMs: number;
}

const FORWARD_BATCH = 8;
/** Loading a model (parse, build, warm-up) and starting a backend, not measurable beforehand. */
export const LOAD_MS = 20_000;
export const INIT_MS = 10_000;
/**
 * A Training lab run yields between steps; its longest synchronous stretch is one step or one
 * held-out chunk, or the first step's kernel compilation (seconds on WebGPU).
 */
export const TRAINING_STRETCH_MS = 5_000;

/**
 * Warms the classifier up (its kernels compile now, not at the first attack) and measures it.
 * Throws what the warm-up attack throws.
 */
export async function measureCost(c: Classifier): Promise<ModelCost> {
  const [height, width, channels] = c.inputShape;
  const zero = { data: new Float32Array(height * width * channels), height, width, channels };
  const fgsm = { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' } as const;
  // on a GPU backend this includes compiling the kernels: an estimate too long, never too short
  let start = performance.now();
  await attackImage(c, zero, fgsm);
  const gradMs = performance.now() - start;
  start = performance.now();
  const batch = tf.zeros([FORWARD_BATCH, height, width, channels]) as tf.Tensor4D;
  const logits = c.logits(batch);
  try {
    await logits.data();
  } finally {
    tf.dispose([batch, logits]);
  }
  return { gradMs, forwardMs: (performance.now() - start) / FORWARD_BATCH };
}

const count = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;

export function attackMs(cost: ModelCost, params: AttackParams | undefined): number {
  const steps = params?.mode === 'pgd' ? count(params.steps, 10) : 1;
  return steps * cost.gradMs + 2 * cost.forwardMs;
}

export function sweepMs(cost: ModelCost, params: SweepParams | undefined): number {
  return cost.gradMs + count(params?.points, 201) * cost.forwardMs;
}

/** One chunk of a map: the map yields between chunks, and answers pings there. */
export function crossSectionMs(cost: ModelCost, params: CrossSectionParams | undefined): number {
  const resolution = count(params?.resolution, 64);
  const cells = crossSectionLevels(resolution).reduce((sum, r) => Math.max(sum, r * r), 0);
  return 2 * cost.gradMs + Math.min(cells, DEFAULT_CHUNK_SIZE) * cost.forwardMs;
}

export function forwardMs(cost: ModelCost, images: number): number {
  return images * cost.forwardMs;
}

export function shareMs(cost: ModelCost, share: AttackShareSpec | undefined): number {
  const perImage = count(share?.attack?.steps, 1) * cost.gradMs;
  const passes = (share?.eps?.length ?? 1) + 1;
  return count(share?.images?.count, 1) * (perImage + passes * cost.forwardMs);
}

/** One chunk of an experiment (it yields between chunks) on every model it uses. */
export function experimentMs(
  spec: ExperimentSpec | undefined,
  costOf: (modelId: string) => ModelCost | undefined,
): number {
  if (spec === undefined) return 0;
  const models = 'models' in spec ? spec.models : 'members' in spec ? spec.members : [spec.model];
  const images = 'images' in spec ? spec.images?.count : spec.count;
  const chunk = Math.min(EXPERIMENT_CHUNK, count(images, EXPERIMENT_CHUNK));
  const steps =
    spec.kind === 'fooling'
      ? count(spec.steps, 1)
      : 'attack' in spec
        ? count(spec.attack?.steps, 1)
        : 1;
  const passes = models.length + 2;
  let perImage = 0;
  for (const id of models ?? []) {
    const cost = costOf(id);
    if (cost) perImage += steps * cost.gradMs + passes * cost.forwardMs;
  }
  return chunk * perImage;
}
