/**
 * `npm run train -- --workers 2`'s plumbing: a real worker thread (trainPeer.ts, tsx inside it)
 * computes half of every batch; the run equals the one-worker run up to summation order, repeats
 * exactly, and a run resumed from a checkpoint continues the uninterrupted two-worker run.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifierFromLayersModel } from '../../src/engine/core/layersClassifier';
import { buildLabModel, labManifest } from '../../src/engine/core/training/labSpec';
import { DEFAULT_TRAINING_SPEC, type TrainingSpec } from '../../src/engine/trainingTypes';
import { createRng } from '../../src/shared/rng';
import type { Recipe } from './architectures';
import { trainModel } from './trainLoop';
import { NodeTrainPeers } from './trainPeers';
import type { LabelledSet } from './trainingData';

const spec: TrainingSpec = {
  ...DEFAULT_TRAINING_SPEC,
  architecture: 'maxout',
  units: 6,
  pieces: 2,
  objective: 'fgsm-random-start',
  eps: 0.1,
  seed: 4,
};
const classNames = ['a', 'b'];
const imageShape: [number, number, number] = [4, 4, 1];

const recipe: Recipe = {
  id: 'tiny-lab',
  title: 'tiny',
  dataset: 'mnist',
  output: 'logits',
  loss: 'softmax-ce',
  build: (_seed, inputDim, numClasses) => buildLabModel(spec, inputDim, numClasses),
  dropout: [spec.inputDropout, spec.dropout, spec.dropout],
  adversarial: { alpha: spec.alpha, eps: spec.eps, kind: 'fgsm-random-start' },
  learningRate: 0.02,
  learningRateDecay: 0.9,
  batchSize: 31,
  maxEpochs: 4,
  patience: 10,
  maxSeconds: 600,
  seed: 0,
  architecture: 'tiny',
  recipe: 'tiny',
};

function blobs(count: number, seed: number): LabelledSet {
  const rng = createRng(seed);
  const x = new Float32Array(count * 16);
  const labels = new Int32Array(count).map((_, i) => i % 2);
  x.forEach((_, k) => {
    const left = k % 4 < 2 && labels[Math.floor(k / 16)] === 1;
    x[k] = Math.min(1, 0.3 * rng.next() + (left ? 0.6 : 0.1));
  });
  return { x, labels, count, dim: 16 };
}

let peers: NodeTrainPeers;

beforeAll(async () => {
  await tf.setBackend('cpu');
  peers = await NodeTrainPeers.start(1, {
    backend: 'cpu',
    network: { kind: 'lab', spec, classNames, imageShape },
  });
}, 60_000);

afterAll(async () => {
  await peers.close();
});

async function run(
  withPeers: boolean,
  o: { maxEpochs?: number; checkpointDir?: string; resume?: boolean } = {},
) {
  const model = recipe.build(0, 16, 2);
  const report = await trainModel({
    recipe,
    model,
    classifier: classifierFromLayersModel(model, labManifest('tiny', spec, classNames, imageShape)),
    train: blobs(200, 1),
    validation: blobs(40, 2),
    seed: 3,
    maxEpochs: o.maxEpochs ?? recipe.maxEpochs,
    log: () => undefined,
    progress: false,
    ...(o.checkpointDir ? { checkpointDir: o.checkpointDir, resume: o.resume ?? false } : {}),
    ...(withPeers ? { peers } : {}),
  });
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  model.dispose();
  return { report, weights };
}

describe('training with a worker-thread peer', () => {
  it('has two ways', () => expect(peers.ways).toBe(2));

  it('equals the one-worker run up to summation order, and repeats exactly', async () => {
    const one = await run(false);
    const two = await run(true);
    const again = await run(true);
    expect(again.weights).toEqual(two.weights);
    two.weights.forEach((w, k) =>
      w.forEach((v, i) => expect(v).toBeCloseTo(one.weights[k]?.[i] ?? NaN, 4)),
    );
    two.report.history.forEach((e, i) =>
      expect(e.loss).toBeCloseTo(one.report.history[i]?.loss ?? NaN, 4),
    );
    expect(two.report.history[3]?.loss).toBeLessThan(two.report.history[0]?.loss ?? 0);
  }, 60_000);

  it('resumes from a checkpoint to the uninterrupted run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'train-peers-'));
    const whole = await run(true);
    await run(true, { maxEpochs: 2, checkpointDir: dir });
    const resumed = await run(true, { checkpointDir: dir, resume: true });
    expect(resumed.report.resumedAfter).toBe(2);
    // to the last bits: this network's resume differs there with one worker too (Adam's restored moments)
    resumed.weights.forEach((w, k) =>
      w.forEach((v, i) => expect(v).toBeCloseTo(whole.weights[k]?.[i] ?? NaN, 5)),
    );
  }, 60_000);
});
