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
import type {
  AttackParams,
  AttackShareSpec,
  CrossSectionParams,
  ExperimentSpec,
  SweepParams,
} from '../api';
import { attackImage, crossSectionLevels, DEFAULT_CHUNK_SIZE, type Classifier } from '../core';
import { EXPERIMENT_CHUNK } from '../core/experiments';
import type { BusyEstimates } from './dispatch';

/** What one model costs on this backend, measured when it was loaded. */
export interface ModelCost {
  /** one FGSM (forward, gradient, forward) on one image: the model's warm-up */
  gradMs: number;
  /** one image of a forward pass of FORWARD_BATCH images */
  forwardMs: number;
}

/** Loading a model (parse, build, warm-up) and starting a backend, not measurable beforehand. */
export const LOAD_MS = 20_000;
export const INIT_MS = 10_000;
/**
 * A Training lab run yields between steps; its longest synchronous stretch is one step or one
 * held-out chunk, or the first step's kernel compilation (seconds on WebGPU).
 */
export const TRAINING_STRETCH_MS = 5_000;

/**
 * Warms the classifier up for the first view (one FGSM on one image: the image panel's call,
 * so its kernels compile now, not at the first attack) and measures it. Nothing else is run at
 * load: a forward pass of another batch size would compile other shapes on a GPU backend that
 * the first view never uses. The per-image forward cost is taken as a third of the FGSM (two
 * forward passes and a backward pass of one image), which errs long, as it should, for the
 * large batches of sweeps and maps. Throws what the warm-up attack throws.
 */
export async function measureCost(c: Classifier): Promise<ModelCost> {
  const [height, width, channels] = c.inputShape;
  const zero = { data: new Float32Array(height * width * channels), height, width, channels };
  const fgsm = { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' } as const;
  // on a GPU backend this includes compiling the kernels: an estimate too long, never too short
  const start = performance.now();
  await attackImage(c, zero, fgsm);
  const gradMs = performance.now() - start;
  return { gradMs, forwardMs: gradMs / 3 };
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

/** Each computing operation's longest synchronous stretch, from the models' measured costs. */
export function busyEstimates(costOf: (modelId: string) => ModelCost | undefined): BusyEstimates {
  /** 0 for a model not loaded: its call fails at once */
  const withCost = (modelId: string | undefined, ms: (cost: ModelCost) => number): number => {
    const cost = modelId === undefined ? undefined : costOf(modelId);
    return cost ? ms(cost) : 0;
  };
  return {
    init: () => INIT_MS,
    loadModel: () => LOAD_MS,
    predict: ([modelId, images]) =>
      withCost(modelId, (cost) => forwardMs(cost, Array.isArray(images) ? images.length : 0)),
    attack: ([modelId, , params]) => withCost(modelId, (cost) => attackMs(cost, params)),
    sweep: ([modelId, , params]) => withCost(modelId, (cost) => sweepMs(cost, params)),
    crossSection: ([modelId, , params]) =>
      withCost(modelId, (cost) => crossSectionMs(cost, params)),
    crossSectionCells: ([modelId, , a]) =>
      withCost(modelId, (cost) => forwardMs(cost, a?.length ?? 0)),
    runExperiment: ([spec]) => experimentMs(spec, costOf),
    experimentShare: ([share]) => withCost(share?.modelId, (cost) => shareMs(cost, share)),
    // the lab's loop yields between steps (TRAINING_STRETCH_MS says why 5 s)
    train: () => TRAINING_STRETCH_MS,
    trainShare: () => TRAINING_STRETCH_MS,
  };
}
