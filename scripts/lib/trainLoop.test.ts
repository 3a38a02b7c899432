import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierFromLayersModel } from '../../src/engine/core/layersClassifier';
import { Maxout } from '../../src/engine/layers/maxout';
import type { ModelManifest } from '../../src/models/manifest';
import { createRng } from '../../src/shared/rng';
import type { Recipe } from './architectures';
import { trainModel } from './trainLoop';
import { countErrors } from './validation';
import type { LabelledSet } from './trainingData';
import { testManifest } from '../../src/engine/core/testFixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trainModel', () => {
  /** Two linearly separable blobs of 4x4 images: class 1 is brighter on the left half. */
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

  function recipe(adversarial: boolean | Recipe['adversarial']): Recipe {
    return {
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
      ...(adversarial === true ? { adversarial: { alpha: 0.5, eps: 0.1 } } : {}),
      ...(typeof adversarial === 'object' ? { adversarial } : {}),
      learningRate: 0.02,
      learningRateDecay: 0.9,
      batchSize: 32,
      maxEpochs: 4,
      patience: 10,
      maxSeconds: 600,
      seed: 0,
      architecture: 'tiny',
      recipe: 'tiny',
    };
  }

  interface RunOptions {
    flipValidation?: boolean;
    maxEpochs?: number;
    checkpointDir?: string;
    resume?: boolean;
    validation?: Recipe['validation'];
  }

  async function run(
    adversarial: boolean | Recipe['adversarial'],
    seed: number,
    options: RunOptions = {},
  ) {
    const { flipValidation = false } = options;
    const r = {
      ...recipe(adversarial),
      ...(options.validation ? { validation: options.validation } : {}),
    };
    const model = r.build(seed, 16, 2);
    const manifest: ModelManifest = testManifest([4, 4, 1], 2, 'logits', { dataset: 'mnist' });
    const classifier = classifierFromLayersModel(model, manifest);
    const validation = blobs(64, 2);
    // Flipped validation labels: the better the model learns, the worse it validates.
    if (flipValidation) validation.labels = validation.labels.map((y) => 1 - y);
    const report = await trainModel({
      recipe: r,
      model,
      classifier,
      train: blobs(256, 1),
      validation,
      seed,
      maxEpochs: options.maxEpochs ?? r.maxEpochs,
      log: () => undefined,
      progress: false,
      ...(options.checkpointDir ? { checkpointDir: options.checkpointDir } : {}),
      resume: options.resume ?? false,
    });
    const weights = await Promise.all(model.getWeights().map((w) => w.data()));
    return { report, model, classifier, validation, weights: weights.map((w) => Array.from(w)) };
  }

  it('learns a separable problem, deterministically for a seed, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const a = await run(false, 3);
    const afterOne = tf.memory().numTensors;
    const b = await run(false, 3);
    const c = await run(false, 4);
    expect(a.report.bestValidationError).toBeLessThan(0.1);
    expect(a.weights).toEqual(b.weights);
    expect(a.weights).not.toEqual(c.weights);
    // only the model's own weights remain
    const own = a.model.getWeights().length;
    expect(afterOne - before).toBe(own);
    // the max-norm constraint holds after training: every kernel column has norm <= 2
    const kernel = a.model.getWeights()[0] as tf.Tensor2D;
    const norms = await tf.sqrt(tf.sum(tf.square(kernel), 0)).data();
    norms.forEach((n) => expect(n).toBeLessThanOrEqual(2 + 1e-4));
    [a, b, c].forEach((r) => r.model.dispose());
  });

  it('restores the best epoch when later epochs validate worse', async () => {
    const a = await run(false, 3, { flipValidation: true });
    const last = a.report.history[a.report.history.length - 1];
    expect(last?.validationError).toBeGreaterThan(a.report.bestValidationError);
    const errors = await countErrors(a.classifier, a.validation, null);
    expect(errors / a.validation.count).toBe(a.report.bestValidationError);
    a.model.dispose();
  });

  it('adversarial training reports the FGSM validation error and keeps the best epoch', async () => {
    const a = await run(true, 3);
    expect(a.report.validationKind).toBe('fgsm');
    const best = Math.min(...a.report.history.map((h) => h.validationError));
    expect(a.report.bestValidationError).toBe(best);
    // the weights left in the model are the best epoch's: re-measuring gives the best error
    const errors = await countErrors(a.classifier, a.validation, (labels) => ({
      mode: 'fgsm',
      eps: 0.1,
      labels,
    }));
    expect(errors / a.validation.count).toBe(a.report.bestValidationError);
    a.model.dispose();
  });

  it('a run stopped after 2 epochs and resumed matches the uninterrupted run', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'ckpt-')), 'tiny');
    const whole = await run(true, 5);
    const first = await run(true, 5, { maxEpochs: 2, checkpointDir: dir });
    expect(first.report.epochs).toBe(2);
    const before = tf.memory().numTensors;
    const rest = await run(true, 5, { checkpointDir: dir, resume: true });
    expect(rest.report.resumedAfter).toBe(2);
    // the same up to float32 rounding: a few weights differ in their last bit
    rest.weights.forEach((layer, i) =>
      layer.forEach((v, k) =>
        expect(Math.abs(v - (whole.weights[i]?.[k] ?? NaN))).toBeLessThan(1e-5),
      ),
    );
    expect(rest.report.history.map((e) => e.validationError)).toEqual(
      whole.report.history.map((e) => e.validationError),
    );
    // the resumed run holds its model's weights and nothing else
    expect(tf.memory().numTensors - before).toBe(rest.model.getWeights().length);
    await expect(run(true, 6, { checkpointDir: dir, resume: true })).rejects.toThrow(/seed 5/);
    [whole, first, rest].forEach((r) => r.model.dispose());
  });

  it("noise training (the paper's control) validates on clean images", async () => {
    const a = await run({ alpha: 0.5, eps: 0.1, kind: 'random-sign' }, 3);
    expect(a.report.validationKind).toBe('clean');
    expect(a.report.bestValidationError).toBeLessThan(0.1);
    const b = await run({ alpha: 0.5, eps: 0.1, kind: 'uniform' }, 3);
    expect(b.weights).not.toEqual(a.weights);
    [a, b].forEach((r) => r.model.dispose());
  });

  it("'robust' validation is the mean of clean, FGSM, PGD and both noise errors", async () => {
    const a = await run({ alpha: 0.5, eps: 0.1, kind: 'fgsm-random-start' }, 3, {
      validation: 'robust',
      maxEpochs: 2,
    });
    const last = a.report.history[a.report.history.length - 1];
    const parts = last?.validationParts ?? {};
    expect(Object.keys(parts).sort()).toEqual(['clean', 'fgsm', 'pgd', 'sign', 'uniform']);
    const mean = Object.values(parts).reduce((x, y) => x + y, 0) / 5;
    expect(last?.validationError).toBeCloseTo(mean, 12);
    a.model.dispose();
  });
});
