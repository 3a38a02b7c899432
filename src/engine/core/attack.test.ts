import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttackMode } from '../api';
import { attackBatch } from './attack';
import { attackImage } from './attackImage';
import type { Classifier } from './classifier';
import { crossEntropyPerImage } from './gradient';
import { classifierFromLayersModel } from './layersClassifier';
import {
  constantImage,
  denseModel,
  maxAbs,
  mlpModel,
  seededImage,
  seededValues,
  testManifest,
  useCpuBackend,
} from './testFixtures';
import { imagesToTensor } from './tensors';

const SHAPE: [number, number, number] = [8, 8, 1];
let mlp: Classifier;

beforeAll(async () => {
  await useCpuBackend();
  mlp = classifierFromLayersModel(mlpModel(64, 32, 10, 7), testManifest(SHAPE, 10));
});

async function crossEntropies(c: Classifier, x: tf.Tensor4D, labels: Int32Array) {
  const loss = tf.tidy(() => crossEntropyPerImage(c.logits(x), tf.tensor1d(labels, 'int32')));
  const values = await loss.data();
  loss.dispose();
  return Array.from(values);
}

async function predicted(c: Classifier, x: tf.Tensor4D): Promise<Int32Array> {
  const t = tf.tidy(() => tf.argMax(c.logits(x), 1));
  const values = Int32Array.from(await t.data());
  t.dispose();
  return values;
}

describe('logistic regression: FGSM equals the closed form', () => {
  // p(y = 1 | x) = sigmoid(w.x + b). With y in {-1, +1} the loss is log(1 + exp(-y (w.x + b))),
  // so grad_x J = -y sigmoid(-y z) w and the optimal max-norm step is eta = -eps * y * sign(w).
  const shape: [number, number, number] = [28, 28, 1];
  const w = seededValues(784, 11, -0.05, 0.05);
  let logistic: Classifier;
  beforeAll(() => {
    const model = denseModel(w, Float32Array.of(0.1), 784);
    logistic = classifierFromLayersModel(model, testManifest(shape, 2, 'binary-logit'));
  });

  for (const trueLabel of [0, 1]) {
    it(`class ${trueLabel}: perturbation = -eps y sign(w) exactly, logit moves by -y eps |w|_1`, async () => {
      const y = 2 * trueLabel - 1;
      const eps = 0.25; // dyadic: 0.5 +- 0.25 is exact in float32
      const image = constantImage(shape, 0.5);
      const r = await attackImage(logistic, image, {
        mode: 'fgsm',
        eps,
        labelSource: 'true',
        trueLabel,
      });
      let l1 = 0;
      for (let i = 0; i < 784; i++) {
        const wi = w[i] as number;
        expect(r.perturbation[i]).toBe(-eps * y * Math.sign(wi));
        l1 += Math.abs(wi);
      }
      expect(r.lossLabel).toBe(trueLabel);
      expect(r.linfNorm).toBe(eps);
      // softmax([0, z]) = [1 - sigmoid(z), sigmoid(z)]: logit 1 carries z.
      const dz = (r.attacked.logits[1] as number) - (r.clean.logits[1] as number);
      expect(dz).toBeCloseTo(-y * eps * l1, 4);
    });
  }

  it('non-dyadic eps: the same direction up to float32 rounding', async () => {
    const eps = 0.1;
    const r = await attackImage(logistic, constantImage(shape, 0.5), {
      mode: 'fgsm',
      eps,
      labelSource: 'true',
      trueLabel: 1,
    });
    for (let i = 0; i < 784; i++) {
      expect(r.perturbation[i]).toBeCloseTo(-eps * Math.sign(w[i] as number), 6);
    }
  });
});

describe('clipping and noise controls', () => {
  const modes: AttackMode[] = ['fgsm', 'targeted', 'random-sign', 'uniform', 'pgd'];

  for (const mode of modes) {
    it(`${mode}: result within [0, 1] and within eps of x`, async () => {
      const image = seededImage(SHAPE, 5);
      const eps = 0.3;
      const r = await attackImage(mlp, image, {
        mode,
        eps,
        labelSource: 'predicted',
        targetClass: 3,
        seed: 9,
      });
      let atBound = 0;
      for (let i = 0; i < 64; i++) {
        const v = r.adversarial.data[i] as number;
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        if (v === 0 || v === 1) atBound++;
        expect(Math.abs(v - (image.data[i] as number))).toBeLessThanOrEqual(eps + 1e-6);
      }
      // eps = 0.3 on pixels U(0, 1): some must hit the box edge, or the clip did nothing.
      expect(atBound).toBeGreaterThan(0);
      expect(r.linfNorm).toBeCloseTo(maxAbs(r.perturbation), 7);
    });

    it(`${mode}: honours a custom clip range`, async () => {
      const r = await attackImage(mlp, constantImage(SHAPE, 0.5), {
        mode,
        eps: 0.4,
        labelSource: 'predicted',
        targetClass: 3,
        clip: [0.3, 0.7],
      });
      for (const v of r.adversarial.data) {
        expect(v).toBeGreaterThanOrEqual(0.3);
        expect(v).toBeLessThanOrEqual(0.7);
      }
    });
  }

  it('random-sign: |eta| = eps for every unclipped pixel, signs balanced, seeded', () => {
    const eps = 0.2;
    const x = imagesToTensor(Array.from({ length: 16 }, (_, i) => seededImage(SHAPE, 100 + i)));
    const run = (seed: number) =>
      tf.tidy(() => attackBatch(mlp, x, { mode: 'random-sign', eps, seed }).sub(x).arraySync());
    const eta = (run(4) as number[][][][]).flat(3);
    const xs = (x.arraySync() as number[][][][]).flat(3);
    let unclipped = 0;
    let positive = 0;
    eta.forEach((e, i) => {
      const xi = xs[i] as number;
      if (xi + e > 0 && xi + e < 1) {
        unclipped++;
        expect(Math.abs(Math.abs(e) - eps)).toBeLessThan(1e-6);
      }
      if (e > 0) positive++;
    });
    expect(unclipped).toBeGreaterThan(300);
    expect(positive / eta.length).toBeGreaterThan(0.4);
    expect(positive / eta.length).toBeLessThan(0.6);
    expect((run(4) as number[][][][]).flat(3)).toEqual(eta);
    expect((run(5) as number[][][][]).flat(3)).not.toEqual(eta);
    x.dispose();
  });

  it('uniform: eta is U(-eps, eps): within eps, centred on 0, both signs alike', () => {
    const eps = 0.25;
    const x = tf.fill([16, 8, 8, 1], 0.5) as tf.Tensor4D;
    const eta = (
      tf.tidy(() =>
        attackBatch(mlp, x, { mode: 'uniform', eps, seed: 1 }).sub(x).arraySync(),
      ) as number[][][][]
    ).flat(3);
    let sum = 0;
    let sumAbs = 0;
    let positive = 0;
    let negative = 0;
    for (const e of eta) {
      expect(Math.abs(e)).toBeLessThanOrEqual(eps);
      sum += e;
      sumAbs += Math.abs(e);
      if (e > 0) positive++;
      if (e < 0) negative++;
    }
    const n = eta.length;
    // n = 1024: the mean of U(-eps, eps) has sd eps / sqrt(3 n) ~ 0.0045 (a one-sided U(0, eps)
    // would have mean eps / 2); each sign's share has sd 1 / sqrt(4 n) ~ 0.016
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(positive / n).toBeGreaterThan(0.42);
    expect(negative / n).toBeGreaterThan(0.42);
    // |U(-eps, eps)| is U(0, eps): mean eps / 2, sd of the mean eps / sqrt(12 n) ~ 0.0023
    expect(Math.abs(sumAbs / n - eps / 2)).toBeLessThan(0.012);
    x.dispose();
  });
});

describe('PGD step size', () => {
  // one step from x = 0.5 (no clipping, no random start) moves each pixel by exactly the step
  const eps = 0.2;
  const steps = (eta: ArrayLike<number>) => new Set(Array.from(eta, (e) => Math.abs(e).toFixed(6)));

  it('attackBatch: the default step is eps / 4, as documented; a given step is used', () => {
    const x = tf.fill([4, 8, 8, 1], 0.5) as tf.Tensor4D;
    const labels = Int32Array.of(0, 1, 2, 3);
    const eta = (stepSize?: number) =>
      tf.tidy(() =>
        attackBatch(mlp, x, { mode: 'pgd', eps, labels, steps: 1, stepSize }).sub(x).dataSync(),
      );
    expect(steps(eta())).toEqual(new Set([(eps / 4).toFixed(6)]));
    expect(steps(eta(0.1))).toEqual(new Set(['0.100000']));
    x.dispose();
  });

  it('attackImage (what the worker runs for the app): the default step is eps / 4', async () => {
    const r = await attackImage(mlp, constantImage(SHAPE, 0.5), {
      mode: 'pgd',
      eps,
      steps: 1,
      labelSource: 'predicted',
    });
    expect(steps(r.perturbation)).toEqual(new Set([(eps / 4).toFixed(6)]));
  });
});

describe('attack directions on a small MLP', () => {
  const images = Array.from({ length: 12 }, (_, i) => seededImage(SHAPE, 200 + i));

  it('untargeted FGSM raises the loss of the true label', async () => {
    const x = imagesToTensor(images);
    const labels = Int32Array.from(images, (_, i) => i % 10);
    const adv = attackBatch(mlp, x, { mode: 'fgsm', eps: 0.05, labels });
    const before = await crossEntropies(mlp, x, labels);
    const after = await crossEntropies(mlp, adv, labels);
    after.forEach((loss, i) => expect(loss).toBeGreaterThan(before[i] as number));
    tf.dispose([x, adv]);
  });

  it('targeted FGSM lowers the cross-entropy of the target', async () => {
    const x = imagesToTensor(images);
    const clean = await predicted(mlp, x);
    const target = Int32Array.from(clean, (k) => (k + 1) % 10);
    const adv = attackBatch(mlp, x, { mode: 'targeted', eps: 0.05, target });
    const before = await crossEntropies(mlp, x, target);
    const after = await crossEntropies(mlp, adv, target);
    after.forEach((loss, i) => expect(loss).toBeLessThan(before[i] as number));
    tf.dispose([x, adv]);
  });

  it('PGD stays in the eps-box and clip range and is at least as strong as FGSM', async () => {
    const eps = 0.1;
    const x = imagesToTensor(images);
    const labels = await predicted(mlp, x);
    const fgsm = attackBatch(mlp, x, { mode: 'fgsm', eps, labels });
    const pgd = attackBatch(mlp, x, { mode: 'pgd', eps, labels, steps: 20, stepSize: eps / 4 });
    const [dist, lo, hi] = tf.tidy(() => [
      tf.max(tf.abs(tf.sub(pgd, x))).arraySync() as number,
      tf.min(pgd).arraySync() as number,
      tf.max(pgd).arraySync() as number,
    ]);
    expect(dist).toBeLessThanOrEqual(eps + 1e-6);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    const fgsmLoss = (await crossEntropies(mlp, fgsm, labels)).reduce((a, b) => a + b);
    const pgdLoss = (await crossEntropies(mlp, pgd, labels)).reduce((a, b) => a + b);
    const cleanLoss = (await crossEntropies(mlp, x, labels)).reduce((a, b) => a + b);
    expect(fgsmLoss).toBeGreaterThan(cleanLoss);
    expect(pgdLoss).toBeGreaterThanOrEqual(fgsmLoss);
    tf.dispose([x, fgsm, pgd]);
  });

  it('targeted PGD lowers the target loss at least as much as targeted FGSM', async () => {
    const eps = 0.1;
    const x = imagesToTensor(images);
    const target = Int32Array.from(await predicted(mlp, x), (k) => (k + 3) % 10);
    const fgsm = attackBatch(mlp, x, { mode: 'targeted', eps, target });
    const pgd = attackBatch(mlp, x, { mode: 'pgd', eps, target, steps: 20 });
    const fgsmLoss = (await crossEntropies(mlp, fgsm, target)).reduce((a, b) => a + b);
    const pgdLoss = (await crossEntropies(mlp, pgd, target)).reduce((a, b) => a + b);
    expect(pgdLoss).toBeLessThanOrEqual(fgsmLoss);
    tf.dispose([x, fgsm, pgd]);
  });

  it('PGD random start stays in the box; eps = 0 returns x', async () => {
    const x = imagesToTensor(images.slice(0, 2));
    const labels = Int32Array.of(0, 1);
    const start = attackBatch(mlp, x, {
      mode: 'pgd',
      eps: 0.05,
      labels,
      randomStart: true,
      steps: 1,
    });
    const zero = attackBatch(mlp, x, { mode: 'pgd', eps: 0, labels });
    const [dist, same] = tf.tidy(() => [
      tf.max(tf.abs(tf.sub(start, x))).arraySync() as number,
      tf.max(tf.abs(tf.sub(zero, x))).arraySync() as number,
    ]);
    expect(dist).toBeLessThanOrEqual(0.05 + 1e-6);
    expect(same).toBe(0);
    tf.dispose([x, start, zero]);
  });

  it("attackImage: 'predicted' uses the clean prediction, 'targeted' reports the target", async () => {
    const image = images[0] as (typeof images)[number];
    const r = await attackImage(mlp, image, { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' });
    expect(r.lossLabel).toBe(r.clean.predictedClass);
    const t = await attackImage(mlp, image, {
      mode: 'targeted',
      eps: 0.1,
      labelSource: 'predicted',
      targetClass: 4,
    });
    expect(t.lossLabel).toBe(4);
    for (let i = 0; i < 64; i++) {
      expect(t.perturbation[i]).toBeCloseTo(
        (t.adversarial.data[i] as number) - (image.data[i] as number),
        7,
      );
    }
  });
});
