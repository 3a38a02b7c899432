/**
 * The engine's real workloads, run through src/engine/core exactly as the worker runs them:
 * one FGSM (with re-prediction and read-back), a 201-point eps-sweep, cross-section maps (with
 * the time to the first coarse picture), and FGSM + re-prediction over a whole test set (with
 * the progress rate). Used by the Node bench (wasm, cpu) and the GPU entry (webgpu over Dawn).
 */
import type { ExperimentImages, ImageData01 } from '../../src/engine/api';
import * as tf from '@tensorflow/tfjs';
import {
  attackImage,
  fgsmBatch,
  predictedLabels,
  readInt32,
  crossSectionImage,
  crossSectionLevels,
  sweepImage,
  type Classifier,
} from '../../src/engine/core';
import { testSetAttack } from '../../src/engine/core/experiments';
import { firstLayerOf } from '../../src/engine/core/firstLayer';
import { summarize, timeRepeated, type Summary } from './stats';

export const FGSM_EPS = 0.1;
export const SWEEP_EPS_MAX = 0.5;
export const SWEEP_POINTS = 201;
export const MAP_EPS_MAX = 0.5;

export interface Measured {
  workload: string;
  ms: Summary;
  extra?: Record<string, Summary>;
  note?: string;
}

export interface Repeats {
  small: number;
  map: number;
  testSet: number;
}

export const DEFAULT_REPEATS: Repeats = { small: 20, map: 5, testSet: 2 };

export interface LabelledImage {
  image: ImageData01;
  label: number;
}

export async function fgsmOnce(c: Classifier, x: LabelledImage): Promise<unknown> {
  return attackImage(c, x.image, {
    mode: 'fgsm',
    eps: FGSM_EPS,
    labelSource: 'true',
    trueLabel: x.label,
  });
}

export async function sweepOnce(c: Classifier, x: LabelledImage): Promise<unknown> {
  return sweepImage(c, x.image, {
    epsMax: SWEEP_EPS_MAX,
    points: SWEEP_POINTS,
    labelSource: 'true',
    trueLabel: x.label,
  });
}

/** One map; returns total ms and ms until the coarse preview was complete. */
export async function mapOnce(
  c: Classifier,
  x: LabelledImage,
  resolution: number,
  clip: [number, number] | undefined,
): Promise<{ ms: number; firstCoarseMs: number }> {
  const coarse = crossSectionLevels(resolution)[0] as number;
  const t0 = performance.now();
  let firstCoarseMs = Number.NaN;
  const params = { epsMax: MAP_EPS_MAX, resolution, seed: 1, labelSource: 'true' as const };
  await crossSectionImage(
    c,
    x.image,
    clip === undefined
      ? { ...params, trueLabel: x.label }
      : { ...params, trueLabel: x.label, clip },
    {
      onProgress(p) {
        const partial = p.partial;
        if (
          Number.isNaN(firstCoarseMs) &&
          partial !== undefined &&
          partial.resolution === coarse &&
          partial.rowsDone === coarse
        ) {
          firstCoarseMs = performance.now() - t0;
        }
      },
    },
  );
  return { ms: performance.now() - t0, firstCoarseMs };
}

/** FGSM + re-prediction of every image (testSetAttack, as runExperiment does it). */
export async function testSetOnce(
  c: Classifier,
  images: ExperimentImages,
): Promise<{ ms: number; progressPerSecond: number; maxGapMs: number; errors: string }> {
  const t0 = performance.now();
  let last = t0;
  let maxGap = 0;
  let events = 0;
  const result = await testSetAttack(
    [c],
    { mode: 'fgsm', labelSource: 'true' },
    [FGSM_EPS],
    images,
    0,
    {
      onProgress() {
        const now = performance.now();
        maxGap = Math.max(maxGap, now - last);
        last = now;
        events++;
      },
    },
  );
  const ms = performance.now() - t0;
  maxGap = Math.max(maxGap, performance.now() - last);
  const row = result.rows[0];
  const errors = row
    ? `clean error ${(100 * row.cleanErrorRate).toFixed(2)}%, FGSM error ${(100 * row.errorRate).toFixed(2)}%`
    : '';
  return { ms, progressPerSecond: (events * 1000) / ms, maxGapMs: maxGap, errors };
}

/**
 * FGSM + re-prediction of all images as ONE batch (what the PyTorch reference does): gradient,
 * step, clip, forward, predicted classes read back. Returns the adversarial error rate.
 */
export async function fgsmBatchOnce(c: Classifier, images: ExperimentImages): Promise<number> {
  const predicted = tf.tidy(() => {
    const x = tf.tensor4d(images.data, [images.count, ...images.shape]);
    const adversarial = fgsmBatch(c, x, tf.tensor1d(images.labels, 'int32'), FGSM_EPS);
    return predictedLabels(c, adversarial);
  });
  try {
    const classes = await readInt32(predicted);
    let wrong = 0;
    classes.forEach((k, i) => (wrong += k === images.labels[i] ? 0 : 1));
    return wrong / images.count;
  } finally {
    predicted.dispose();
  }
}

export interface WorkloadOptions {
  repeats: Repeats;
  /** the workload names to run (default all) */
  only?: readonly string[];
  /** the images of the one-batch FGSM (default: testImages) */
  batchImages?: ExperimentImages;
  log?: (line: string) => void;
}

export const WORKLOADS = [
  'fgsm',
  'sweep201',
  'map64',
  'map128',
  'map64-noclip',
  'map128-noclip',
  'testset',
  'fgsm-batch',
] as const;

/** Runs the workloads on one classifier on the active backend. */
export async function runWorkloads(
  c: Classifier,
  image: LabelledImage,
  testImages: ExperimentImages,
  options: WorkloadOptions,
): Promise<Measured[]> {
  const want = (name: string): boolean => !options.only || options.only.includes(name);
  const log = options.log ?? (() => undefined);
  const out: Measured[] = [];
  const { small, map, testSet } = options.repeats;
  // unclipped sweeps and maps skip the first layer's products only for MLPs
  const generalPath = firstLayerOf(c)
    ? undefined
    : 'general path (the first-layer fast path is for Dense/Maxout MLPs)';
  if (want('fgsm')) {
    out.push({
      workload: 'fgsm',
      ms: summarize(await timeRepeated(() => fgsmOnce(c, image), small, 3)),
    });
    log(`  fgsm done`);
  }
  if (want('sweep201')) {
    const samples = await timeRepeated(() => sweepOnce(c, image), small, 3);
    const sweep: Measured = { workload: 'sweep201', ms: summarize(samples) };
    if (generalPath) sweep.note = generalPath;
    out.push(sweep);
    log(`  sweep201 done`);
  }
  for (const [name, resolution, clip] of [
    ['map64', 64, [0, 1]],
    ['map128', 128, [0, 1]],
    ['map64-noclip', 64, undefined],
    ['map128-noclip', 128, undefined],
  ] as const) {
    if (!want(name)) continue;
    await mapOnce(c, image, resolution, clip ? [clip[0], clip[1]] : undefined);
    const runs: { ms: number; firstCoarseMs: number }[] = [];
    for (let i = 0; i < map; i++)
      runs.push(await mapOnce(c, image, resolution, clip ? [clip[0], clip[1]] : undefined));
    out.push({
      workload: name,
      ms: summarize(runs.map((r) => r.ms)),
      extra: { firstCoarseMs: summarize(runs.map((r) => r.firstCoarseMs)) },
      note: clip
        ? 'clipped to [0, 1] (as the app asks)'
        : ['not clipped', generalPath].filter(Boolean).join('; '),
    });
    log(`  ${name} done`);
  }
  if (want('testset') && testSet > 0 && testImages.count > 0) {
    const runs: Awaited<ReturnType<typeof testSetOnce>>[] = [];
    for (let i = 0; i < testSet; i++) runs.push(await testSetOnce(c, testImages));
    out.push({
      workload: 'testset',
      ms: summarize(runs.map((r) => r.ms)),
      extra: {
        progressPerSecond: summarize(runs.map((r) => r.progressPerSecond)),
        maxProgressGapMs: summarize(runs.map((r) => r.maxGapMs)),
      },
      note: `${testImages.count} images, clean + FGSM eps ${FGSM_EPS} predictions, chunks of 500; ${runs[0]?.errors ?? ''}`,
    });
    log(`  testset done`);
  }
  const batch = options.batchImages ?? testImages;
  if (want('fgsm-batch') && testSet > 0 && batch.count > 0) {
    let error = 0;
    const samples = await timeRepeated(
      async () => (error = await fgsmBatchOnce(c, batch)),
      testSet,
      1,
    );
    out.push({
      workload: 'fgsm-batch',
      ms: summarize(samples),
      note: `${batch.count} images in one batch (as bench/pytorch_fgsm.py): FGSM eps ${FGSM_EPS} + re-predict; error ${(100 * error).toFixed(2)}%`,
    });
    log(`  fgsm-batch done`);
  }
  return out;
}
