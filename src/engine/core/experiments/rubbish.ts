/**
 * The "rubbish class" experiment (paper appendix): inputs x ~ N(0, I) of the model's input size.
 * The noise is NOT clipped to [0, 1]: the model sees the raw Gaussian in its [0, 1]-space input
 * (the adapter maps that space to the model's own range as for any image). Any class given
 * probability > 0.5 counts as a mistake, since no class is right for noise. The probability is
 * the model's own (classify): softmax, or the unnormalised exp(s) of an RBF network.
 */
import type { NoiseExample, RubbishExperimentResult, RubbishRow } from '../../experimentTypes';
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../classifier';
import {
  checkSameShape,
  checkSeed,
  chunksFor,
  classify,
  invalid,
  ProgressCounter,
  seededNoise,
  type ExperimentHooks,
  withBudget,
} from './common';

/** A class given more than this probability is a confident mistake on noise. */
export const RUBBISH_THRESHOLD = 0.5;
export const DEFAULT_RUBBISH_TOP = 8;
export const MAX_RUBBISH_COUNT = 1_000_000;

/** Noise image `index` of a run with `seed` (the same values the run classified). */
export function gaussianImage(seed: number, index: number, size: number): Float32Array {
  return seededNoise(seed, index, 1, size, 'gaussian');
}

interface Candidate {
  index: number;
  predictedClass: number;
  confidence: number;
}

/** Keeps the `k` most confident candidates (ties: the lower index first). */
function keepTop(list: Candidate[], k: number): Candidate[] {
  return list.sort((a, b) => b.confidence - a.confidence || a.index - b.index).slice(0, k);
}

export async function rubbishClass(
  models: readonly Classifier[],
  count: number,
  seed: number,
  hooks: ExperimentHooks = {},
  top = DEFAULT_RUBBISH_TOP,
): Promise<RubbishExperimentResult> {
  const first = models[0];
  if (first === undefined) invalid('the rubbish-class experiment needs a model');
  checkSameShape(models, first.inputShape);
  if (!Number.isInteger(count) || count < 1 || count > MAX_RUBBISH_COUNT) {
    invalid(`count must be an integer within 1..${MAX_RUBBISH_COUNT}, got ${count}`);
  }
  if (!Number.isInteger(top) || top < 0) invalid(`top must be a whole number, got ${top}`);
  checkSeed(seed);
  const shape: [number, number, number] = [...first.inputShape];
  const size = shape[0] * shape[1] * shape[2];
  const progress = new ProgressCounter(hooks, count * models.length);
  progress.checkCancel();

  const tallies = models.map(() => ({
    mistakes: 0,
    confidenceSum: 0,
    classCounts: new Array<number>(first.numClasses).fill(0),
    top: [] as Candidate[],
  }));
  for (const [start, n] of chunksFor(count, await withBudget(hooks, models))) {
    // Generated once per chunk and shared by all models: the same noise for each of them.
    const x = tf.tensor4d(seededNoise(seed, start, n, size, 'gaussian'), [n, ...shape]);
    try {
      for (let m = 0; m < models.length; m++) {
        const model = models[m] as Classifier;
        const tally = tallies[m] as (typeof tallies)[number];
        const { predicted, confidence } = await classify(model, x);
        const candidates: Candidate[] = [];
        for (let i = 0; i < n; i++) {
          const p = confidence[i] as number;
          const cls = predicted[i] as number;
          if (p > RUBBISH_THRESHOLD) {
            tally.mistakes++;
            tally.confidenceSum += p;
            tally.classCounts[cls] = (tally.classCounts[cls] ?? 0) + 1;
          }
          candidates.push({ index: start + i, predictedClass: cls, confidence: p });
        }
        tally.top = keepTop([...tally.top, ...keepTop(candidates, top)], top);
        await progress.step(n, `${model.id}: noise images`);
      }
    } finally {
      x.dispose();
    }
  }
  const rows: RubbishRow[] = models.map((model, m) => {
    const t = tallies[m] as (typeof tallies)[number];
    const examples: NoiseExample[] = t.top.map((c) => ({
      ...c,
      image: gaussianImage(seed, c.index, size),
    }));
    return {
      modelId: model.id,
      count,
      errorRate: t.mistakes / count,
      meanConfidenceOnMistakes: t.mistakes > 0 ? t.confidenceSum / t.mistakes : 0,
      classCounts: t.classCounts,
      examples,
    };
  });
  return { kind: 'rubbish', seed, shape, rows };
}
