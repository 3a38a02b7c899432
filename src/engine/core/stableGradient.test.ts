/**
 * FGSM's gradient on confident images: where float32 rounds p_y to 1, the engine must still
 * keep the true-class term of p - onehot (issue 20). Compared with closed forms and with a
 * float64 reference computed in plain JS.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Classifier } from './classifier';
import { classifierFromFunction, ensembleClassifier } from './classifiers';
import {
  referenceInputGradient,
  referenceLayersOf,
  referenceLogits,
  signDisagreement,
  type ReferenceLayer,
} from './float64Reference';
import { gradientSign, lossGradient } from './gradient';
import { classifierFromLayersModel } from './layersClassifier';
import { logOfProbabilities } from './stableSoftmax';
import { denseModel, mlpModel, seededValues, testManifest, useCpuBackend } from './testFixtures';

beforeAll(useCpuBackend);

const SHAPE: [number, number, number] = [4, 4, 1];
const DIM = 16;

async function directionOf(c: Classifier, images: Float32Array, labels: number[]) {
  const shape = [labels.length, ...c.inputShape] as [number, number, number, number];
  const t = tf.tidy(() =>
    gradientSign(c, tf.tensor4d(images, shape), tf.tensor1d(labels, 'int32')),
  );
  const values = await t.data();
  t.dispose();
  return values;
}

/** A 3-class linear model: class 0's weights are all `w0`, the others small and seeded. */
function linearModel(w0: number, seed: number): { kernel: Float32Array; bias: Float32Array } {
  const others = seededValues(DIM * 2, seed, -0.5, 0.5);
  const kernel = new Float32Array(DIM * 3);
  for (let i = 0; i < DIM; i++) {
    kernel[i * 3] = w0;
    kernel[i * 3 + 1] = others[2 * i] ?? 0;
    kernel[i * 3 + 2] = others[2 * i + 1] ?? 0;
  }
  return { kernel, bias: new Float32Array(3) };
}

describe('a linear model whose true class wins by a huge margin', () => {
  it('p_y rounds to 1, yet FGSM moves every pixel against the true class (closed form)', async () => {
    // z_0 = 3 * 16 * 0.5 = 24 against |z_k| <= 4: p_0 = 1 in float32. The exact gradient is
    // sum_{k != 0} p_k (w_k - w_0) < 0 in every pixel, since w_0 = 3 > |w_k|.
    const { kernel, bias } = linearModel(3, 11);
    const c = classifierFromLayersModel(denseModel(kernel, bias, DIM), testManifest(SHAPE, 3));
    const x = new Float32Array(DIM).fill(0.5);
    const p = tf.tidy(() => tf.softmax(c.logits(tf.tensor4d(x, [1, ...SHAPE]))).dataSync());
    expect(p[0]).toBe(1);
    expect(Array.from(await directionOf(c, x, [0]))).toEqual(new Array(DIM).fill(-1));
  });

  it('a gap beyond float32 underflow (every p_k = 0) still gives the exact direction', async () => {
    // z_0 = 10 * 16 * 0.9 = 144: exp(-144) is 0 in float32, the loss gradient is all zeros.
    const { kernel, bias } = linearModel(10, 12);
    const c = classifierFromLayersModel(denseModel(kernel, bias, DIM), testManifest(SHAPE, 3));
    const x = new Float32Array(DIM).fill(0.9);
    const layers: ReferenceLayer[] = [
      {
        kind: 'dense',
        kernel: Float64Array.from(kernel),
        bias: Float64Array.from(bias),
        units: 3,
        relu: false,
      },
    ];
    const reference = referenceInputGradient(layers, x, 0);
    expect(reference.every((g) => g < 0)).toBe(true);
    expect(signDisagreement(await directionOf(c, x, [0]), reference)).toBe(0);
  });

  it('lossGradient keeps -sum_{k != y} p_k as the true-class entry (value, not only sign)', async () => {
    const { kernel, bias } = linearModel(3, 13);
    const c = classifierFromLayersModel(denseModel(kernel, bias, DIM), testManifest(SHAPE, 3));
    const x = new Float32Array(DIM).fill(0.5);
    const g = tf.tidy(() =>
      lossGradient(c, tf.tensor4d(x, [1, ...SHAPE]), tf.tensor1d([0], 'int32')).dataSync(),
    );
    const layers = referenceLayersOf(denseModel(kernel, bias, DIM));
    const reference = referenceInputGradient(layers, x, 0);
    reference.forEach((r, i) => expect(g[i] ?? 0).toBeCloseTo(r, 12));
    reference.forEach((r, i) => expect(Math.abs((g[i] ?? 0) - r)).toBeLessThan(1e-4 * Math.abs(r)));
  });
});

/** A seeded ReLU MLP whose last layer is scaled up until most images are saturated. */
function saturatedMlp(scale: number): tf.Sequential {
  const model = mlpModel(DIM, 24, 10, 21);
  const last = model.layers[1];
  if (last === undefined) throw new Error('mlp without a second layer');
  last.setWeights(last.getWeights().map((w) => tf.mul(w, scale)));
  return model;
}

describe('a saturated ReLU MLP against a float64 reference', () => {
  const count = 64;
  const images = seededValues(count * DIM, 31, 0, 1);
  const imageAt = (i: number) => images.subarray(i * DIM, (i + 1) * DIM);

  it('agrees sign for sign on every image, the saturated ones included', async () => {
    const model = saturatedMlp(200);
    const layers = referenceLayersOf(model);
    const c = classifierFromLayersModel(model, testManifest(SHAPE, 10));
    // the label each image is attacked with: its predicted class (where p rounds to 1)
    const labels = Array.from({ length: count }, (_, i) => {
      const z = referenceLogits(layers, imageAt(i)).logits;
      return z.indexOf(Math.max(...z));
    });
    const p = tf.tidy(() =>
      tf.max(tf.softmax(c.logits(tf.tensor4d(images, [count, ...SHAPE]))), 1).dataSync(),
    );
    const saturated = Array.from(p).filter((v) => v === 1).length;
    expect(saturated).toBeGreaterThan(count / 4);
    const direction = await directionOf(c, images, labels);
    let differ = 0;
    for (let i = 0; i < count; i++) {
      const reference = referenceInputGradient(layers, imageAt(i), labels[i] ?? 0);
      differ += signDisagreement(direction.subarray(i * DIM, (i + 1) * DIM), reference) * DIM;
    }
    expect(differ / (count * DIM)).toBeLessThan(1e-3);
  });
});

describe('classifiers built on probabilities', () => {
  // z_0 = 40: every other p_k is below 1e-17, under any floor a log(p + floor) would add
  const { kernel, bias } = linearModel(5, 41);
  const x = new Float32Array(DIM).fill(0.5);
  const layers = referenceLayersOf(denseModel(kernel, bias, DIM));
  const reference = referenceInputGradient(layers, x, 0);

  it("a model's own softmax (log p read back) keeps the true-class term", async () => {
    const net = denseModel(kernel, bias, DIM);
    const c = classifierFromFunction('softmax-out', 3, SHAPE, (images) =>
      logOfProbabilities(tf.softmax(net.apply(images.reshape([-1, DIM])) as tf.Tensor2D)),
    );
    expect(signDisagreement(await directionOf(c, x, [0]), reference)).toBe(0);
  });

  it("a Dense layer with a fused softmax ('probabilities'): log p keeps the true-class term", async () => {
    const net = denseModel(kernel, bias, DIM, 'softmax');
    const c = classifierFromLayersModel(net, testManifest(SHAPE, 3, 'probabilities'));
    expect(signDisagreement(await directionOf(c, x, [0]), reference)).toBe(0);
    const probs = tf.tidy(() => tf.softmax(c.logits(tf.tensor4d(x, [1, ...SHAPE]))).dataSync());
    const own = tf.tidy(() => (net.predict(tf.tensor2d(x, [1, DIM])) as tf.Tensor).dataSync());
    Array.from(own).forEach((v, k) => expect(probs[k]).toBeCloseTo(v, 6));
  });

  it('an ensemble of saturated members agrees with float64', async () => {
    const second = linearModel(2.5, 42);
    const members = [
      classifierFromLayersModel(denseModel(kernel, bias, DIM), testManifest(SHAPE, 3)),
      classifierFromLayersModel(
        denseModel(second.kernel, second.bias, DIM),
        testManifest(SHAPE, 3),
      ),
    ];
    // L = -log mean_m p_m(y): grad = -sum_m p_m(y) grad log p_m(y) / sum_m p_m(y)
    const secondLayers = referenceLayersOf(denseModel(second.kernel, second.bias, DIM));
    const gradients = [reference, referenceInputGradient(secondLayers, x, 0)];
    const py = [layers, secondLayers].map((l) => {
      const z = referenceLogits(l, x).logits;
      const top = Math.max(...z);
      const e = z.map((v) => Math.exp(v - top));
      return (e[0] ?? 0) / e.reduce((a, b) => a + b, 0);
    });
    const total = (py[0] ?? 0) + (py[1] ?? 0);
    const ensembleReference = reference.map(
      (_, i) =>
        ((py[0] ?? 0) * (gradients[0]?.[i] ?? 0) + (py[1] ?? 0) * (gradients[1]?.[i] ?? 0)) / total,
    );
    const direction = await directionOf(ensembleClassifier(members), x, [0]);
    expect(signDisagreement(direction, ensembleReference)).toBe(0);
  });
});
