/**
 * `npm run train` stays bit for bit what it was before the Training lab shared its step: the
 * digests below are of seeded 3-epoch runs made with main's trainLoop before the refactor (its
 * own loss, dropout, x~ and Adam, commit 7d6ac4e; tfjs cpu): weights, and per epoch the loss,
 * training accuracy and validation error. A change to the shared step (core/training) that
 * moves one bit fails here.
 */
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierFromLayersModel } from '../../src/engine/core/layersClassifier';
import type { TrainingPerturbation } from '../../src/engine/core/trainingObjective';
import { Maxout } from '../../src/engine/layers/maxout';
import type { ModelManifest } from '../../src/models/manifest';
import { createRng } from '../../src/shared/rng';
import type { Recipe } from './architectures';
import { trainModel } from './trainLoop';
import type { LabelledSet } from './trainingData';
import { testManifest } from '../../src/engine/core/testFixtures';

const BEFORE = {
  plain: '58d993790086c16c',
  fgsm: '388cff10af745b8a',
  uniform: '6f8baf717a55ec0b',
  pgd: '345699cddc50cd4e',
  'fgsm-random-start': 'f1411eb637727704',
} as const satisfies Partial<Record<TrainingPerturbation | 'plain', string>>;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function blobs(count: number, seed: number): LabelledSet {
  const rng = createRng(seed);
  const dim = 16;
  const x = new Float32Array(count * dim);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 2;
    for (let j = 0; j < dim; j++) {
      const left = j % 4 < 2;
      x[i * dim + j] = Math.min(1, 0.3 * rng.next() + (left && labels[i] === 1 ? 0.6 : 0.1));
    }
  }
  return { x, labels, count, dim };
}

const manifest: ModelManifest = testManifest([4, 4, 1], 2, 'logits', { dataset: 'mnist' });

async function digest(kind: TrainingPerturbation | null): Promise<string> {
  const recipe: Recipe = {
    id: 'tiny',
    title: 'tiny',
    dataset: 'mnist',
    output: 'logits',
    loss: 'softmax-ce',
    build: (seed, inputDim, numClasses) => {
      const model = tf.sequential();
      model.add(new Maxout({ units: 4, pieces: 2, seed, maxNorm: 2, inputShape: [inputDim] }));
      model.add(
        tf.layers.dense({
          units: numClasses,
          kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
        }),
      );
      return model;
    },
    dropout: [0.1, 0.2],
    ...(kind ? { adversarial: { alpha: 0.5, eps: 0.1, kind } } : {}),
    learningRate: 0.02,
    learningRateDecay: 0.9,
    batchSize: 32,
    maxEpochs: 3,
    patience: 10,
    maxSeconds: 600,
    seed: 0,
    architecture: 'tiny',
    recipe: 'tiny',
  };
  const model = recipe.build(3, 16, 2);
  const report = await trainModel({
    recipe,
    model,
    classifier: classifierFromLayersModel(model, manifest),
    train: blobs(256, 1),
    validation: blobs(64, 2),
    seed: 3,
    maxEpochs: 3,
    log: () => undefined,
    progress: false,
    resume: false,
  });
  const hash = createHash('sha256');
  for (const w of model.getWeights()) hash.update(Buffer.from((await w.data()).buffer));
  hash.update(
    JSON.stringify(report.history.map((e) => [e.loss, e.trainAccuracy, e.validationError])),
  );
  model.dispose();
  return hash.digest('hex').slice(0, 16);
}

describe('npm run train, bit for bit as before the shared step', () => {
  for (const [kind, before] of Object.entries(BEFORE)) {
    it(`${kind} training`, async () => {
      expect(await digest(kind === 'plain' ? null : (kind as TrainingPerturbation))).toBe(before);
    });
  }
});
