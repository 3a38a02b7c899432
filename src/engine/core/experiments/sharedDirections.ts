/**
 * Adversarial directions are shared (Goodfellow's lecture): the FGSM perturbation of one image,
 * eta_s = eps * sign(grad_x J(x_s, y_s)), added to *other* clean images, clip(x_t + eta_s, 0, 1),
 * often makes them wrong too. The flip rate counts targets the model gets right when clean and
 * wrong with eta_s. Controls on the same images: each image's own FGSM, and random +-eps noise.
 */
import * as tf from '@tensorflow/tfjs';
import type {
  ExperimentImages,
  SharedExperimentResult,
  SharedSourceRow,
} from '../../experimentTypes';
import type { Classifier } from '../classifier';
import { gradientSign } from '../gradient';
import {
  attackedBatch,
  checkEps,
  checkExperimentImages,
  checkSeed,
  chunks,
  chunkSizeOf,
  classify,
  imagesTensor,
  invalid,
  ProgressCounter,
  type ExperimentHooks,
  withBudget,
} from './common';

interface FlipTally {
  correct: number;
  flipped: number;
  errors: number;
  count: number;
}

const emptyTally = (): FlipTally => ({ correct: 0, flipped: 0, errors: 0, count: 0 });

function addFlips(
  tally: FlipTally,
  cleanPredicted: Int32Array,
  predicted: Int32Array,
  labels: Int32Array,
  offset: number,
  skip: number,
): void {
  for (let i = 0; i < predicted.length; i++) {
    if (offset + i === skip) continue;
    const label = labels[offset + i];
    tally.count++;
    if (predicted[i] !== label) tally.errors++;
    if (cleanPredicted[offset + i] === label) {
      tally.correct++;
      if (predicted[i] !== label) tally.flipped++;
    }
  }
}

const rate = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

export async function sharedDirections(
  c: Classifier,
  images: ExperimentImages,
  sources: number,
  eps: number,
  seed: number,
  hooks: ExperimentHooks = {},
): Promise<SharedExperimentResult> {
  checkExperimentImages(images, [c]);
  checkEps(eps);
  checkSeed(seed);
  if (!Number.isInteger(sources) || sources < 1 || sources >= images.count) {
    invalid(`sources must be an integer within 1..${images.count - 1}, got ${sources}`);
  }
  const size = chunkSizeOf(await withBudget(hooks, [c]));
  const n = images.count;
  const progress = new ProgressCounter(hooks, n * (3 + sources));
  progress.checkCancel();
  const pieces = chunks(n, size);

  // Clean predictions and the two controls, chunk by chunk.
  const cleanPredicted = new Int32Array(n);
  const own = emptyTally();
  const noise = emptyTally();
  for (const [start, count] of pieces) {
    const x = imagesTensor(images, start, count);
    try {
      const labels = images.labels.subarray(start, start + count);
      cleanPredicted.set((await classify(c, x)).predicted, start);
      await progress.step(count, 'clean images');
      for (const [mode, tally] of [
        ['fgsm', own],
        ['random-sign', noise],
      ] as const) {
        const attacked = attackedBatch(
          c,
          x,
          { mode, labelSource: 'true' },
          eps,
          labels,
          seed,
          start,
        );
        try {
          addFlips(
            tally,
            cleanPredicted,
            (await classify(c, attacked)).predicted,
            images.labels,
            start,
            -1,
          );
        } finally {
          attacked.dispose();
        }
        await progress.step(count, `control: ${mode}`);
      }
    } finally {
      x.dispose();
    }
  }

  const rows: SharedSourceRow[] = [];
  for (let s = 0; s < sources; s++) {
    const label = images.labels[s] as number;
    const eta = tf.tidy(() =>
      tf.mul(eps, gradientSign(c, imagesTensor(images, s, 1), tf.tensor1d([label], 'int32'))),
    );
    const tally = emptyTally();
    try {
      for (const [start, count] of pieces) {
        const moved = tf.tidy(() =>
          tf.clipByValue(tf.add(imagesTensor(images, start, count), eta), 0, 1),
        ) as tf.Tensor4D;
        try {
          const { predicted } = await classify(c, moved);
          addFlips(tally, cleanPredicted, predicted, images.labels, start, s);
        } finally {
          moved.dispose();
        }
        await progress.step(count, `perturbation of image ${s}`);
      }
    } finally {
      eta.dispose();
    }
    rows.push({
      index: s,
      label,
      flipRate: rate(tally.flipped, tally.correct),
      errorRate: rate(tally.errors, tally.count),
    });
  }
  const cleanCorrect = cleanPredicted.reduce(
    (sum, p, i) => sum + (p === images.labels[i] ? 1 : 0),
    0,
  );
  return {
    kind: 'shared',
    modelId: c.id,
    eps,
    seed,
    cleanCorrect,
    count: n,
    rows,
    meanFlipRate: rows.reduce((sum, r) => sum + r.flipRate, 0) / rows.length,
    ownFgsmFlipRate: rate(own.flipped, own.correct),
    randomSignFlipRate: rate(noise.flipped, noise.correct),
  };
}
