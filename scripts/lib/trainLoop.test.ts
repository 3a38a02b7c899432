import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierFromLayersModel } from '../../src/engine/core/layersClassifier';
import { Maxout } from '../../src/engine/layers/maxout';
import type { ModelManifest } from '../../src/models/manifest';
import { createRng } from '../../src/shared/rng';
import type { Recipe } from './architectures';
import { batchLoss, countErrors, trainModel } from './trainLoop';
import type { LabelledSet } from './trainingData';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function value(t: tf.Scalar): Promise<number> {
  return (await t.data())[0] ?? NaN;
}

describe('batchLoss', () => {
  it('softmax-ce is the batch mean of -log softmax(z)[y]', async () => {
    const z = [
      [1, 2, 0],
      [0, 0, 3],
    ];
    const y = [1, 0];
    const lse = (row: number[]): number => Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
    const want = (lse(z[0] ?? []) - 2 + (lse(z[1] ?? []) - 0)) / 2;
    const got = await value(batchLoss('softmax-ce', tf.tensor2d(z), tf.tensor1d(y, 'int32')));
    expect(got).toBeCloseTo(want, 5);
  });

  it('softmax-ce keeps the true-class gradient where p_y rounds to 1', async () => {
    // p_k = exp(-20) and exp(-25): p_y = 1 in float32; d/dz_y = -(p_1 + p_2) / batch
    const z = tf.tensor2d([[20, 0, -5]]);
    const g = tf.grad((t: tf.Tensor) =>
      batchLoss('softmax-ce', t as tf.Tensor2D, tf.tensor1d([0], 'int32')),
    )(z);
    const [gy, g1, g2] = Array.from(await g.data());
    const p1 = Math.exp(-20) / (1 + Math.exp(-20) + Math.exp(-25));
    const p2 = Math.exp(-25) / (1 + Math.exp(-20) + Math.exp(-25));
    expect(g1).toBeCloseTo(p1, 15);
    expect(Math.abs((gy ?? 0) + p1 + p2)).toBeLessThan(1e-6 * (p1 + p2));
    expect(Math.abs((g2 ?? 0) - p2)).toBeLessThan(1e-6 * p2);
  });

  it('sigmoid-ce is the batch mean of -[y log s(z) + (1-y) log(1-s(z))]', async () => {
    const s = (v: number): number => 1 / (1 + Math.exp(-v));
    const want = (-Math.log(s(2)) - Math.log(1 - s(-1)) - Math.log(1 - s(0.5))) / 3;
    const got = await value(
      batchLoss('sigmoid-ce', tf.tensor2d([[2], [-1], [0.5]]), tf.tensor1d([1, 0, 0], 'int32')),
    );
    expect(got).toBeCloseTo(want, 5);
  });

  it('rbf-per-class is -sum_i [y_i s_i + (1-y_i) log(1 - exp(s_i))], batch mean', async () => {
    // s are log-probabilities (<= 0).
    const s = [
      [-0.1, -2, -3],
      [-1, -0.5, -4],
    ];
    const y = [0, 2];
    let want = 0;
    s.forEach((row, b) =>
      row.forEach((v, i) => {
        want -= i === y[b] ? v : Math.log(1 - Math.exp(v));
      }),
    );
    want /= 2;
    const got = await value(batchLoss('rbf-per-class', tf.tensor2d(s), tf.tensor1d(y, 'int32')));
    expect(got).toBeCloseTo(want, 4);
  });
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

  function recipe(adversarial: boolean): Recipe {
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
      ...(adversarial ? { adversarial: { alpha: 0.5, eps: 0.1 } } : {}),
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

  async function run(adversarial: boolean, seed: number, flipValidation = false) {
    const r = recipe(adversarial);
    const model = r.build(seed, 16, 2);
    const manifest: ModelManifest = {
      id: 'tiny',
      title: 'tiny',
      dataset: 'mnist',
      classNames: ['a', 'b'],
      inputShape: [4, 4, 1],
      modelInputShape: [16],
      preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
      output: 'logits',
      format: 'layers',
      url: 'tiny/model.json',
      architecture: 'tiny',
    };
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
      maxEpochs: r.maxEpochs,
      log: () => undefined,
      progress: false,
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
    const a = await run(false, 3, true);
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
    const errors = await countErrors(a.classifier, a.validation, 0.1);
    expect(errors / a.validation.count).toBe(a.report.bestValidationError);
    a.model.dispose();
  });
});
