import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierFromFunction, ensembleClassifier } from './classifiers';
import type { Classifier } from './classifier';
import { EngineError } from './errors';
import { lossGradient } from './gradient';
import { classifierFromLayersModel } from './layersClassifier';
import { denseModel, seededImage, seededValues, testManifest, useCpuBackend } from './testFixtures';
import { imagesToTensor } from './tensors';

const SHAPE: [number, number, number] = [4, 4, 1];
const D = 16;
const K = 5;
const W = seededValues(D * K, 41, -1, 1);
const B = seededValues(K, 42, -0.5, 0.5);
const images = [seededImage(SHAPE, 43), seededImage(SHAPE, 44), seededImage(SHAPE, 45)];

beforeAll(useCpuBackend);

/** The classifier's logits for `images`, as nested arrays. */
function logitsOf(c: Classifier): number[][] {
  return tf.tidy(() => c.logits(imagesToTensor(images)).arraySync());
}

function softmaxRows(rows: number[][]): number[][] {
  return rows.map((z) => {
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b);
    return e.map((v) => v / s);
  });
}

function expectClose(a: number[][], b: number[][], digits: number): void {
  a.forEach((row, i) => row.forEach((v, k) => expect(v).toBeCloseTo(b[i]?.[k] ?? NaN, digits)));
}

/** z = W^T x + b computed in float64. */
const affine = (): number[][] =>
  images.map((im) =>
    Array.from({ length: K }, (_, k) => {
      let z = B[k] as number;
      for (let i = 0; i < D; i++) z += (W[i * K + k] as number) * (im.data[i] as number);
      return z;
    }),
  );

function logitsThenSoftmax(logitsName = 'logits'): tf.LayersModel {
  const input = tf.input({ shape: [D] });
  const dense = tf.layers.dense({ units: K, name: logitsName });
  const z = dense.apply(input) as tf.SymbolicTensor;
  const p = tf.layers.activation({ activation: 'softmax', name: 'probs' }).apply(z);
  const model = tf.model({ inputs: input, outputs: p as tf.SymbolicTensor });
  dense.setWeights([tf.tensor2d(W, [D, K]), tf.tensor1d(B)]);
  return model;
}

describe('classifierFromLayersModel', () => {
  it("'logits': reshapes NHWC to the model's input and returns W^T x + b", () => {
    const c = classifierFromLayersModel(denseModel(W, B, D), testManifest(SHAPE, K));
    expect(c.numClasses).toBe(K);
    expect(c.inputShape).toEqual(SHAPE);
    expect(c.notes).toEqual([]);
    expectClose(logitsOf(c), affine(), 5);
  });

  it("'probabilities' with logitsLayer attacks the logits, not log p", () => {
    const manifest = testManifest(SHAPE, K, 'probabilities', { logitsLayer: 'logits' });
    const c = classifierFromLayersModel(logitsThenSoftmax(), manifest);
    // Logits are only defined up to a shift per row; W^T x + b exactly means the layer's output.
    expectClose(logitsOf(c), affine(), 5);
    expect(c.notes.join()).toContain('logits of layer logits');
    // The gradient is the logits gradient: identical to the plain logits model's.
    const plain = classifierFromLayersModel(denseModel(W, B, D), testManifest(SHAPE, K));
    const labels = tf.tensor1d([0, 1, 2], 'int32');
    const x = imagesToTensor(images);
    const [g1, g2] = [lossGradient(c, x, labels), lossGradient(plain, x, labels)];
    expect(tf.max(tf.abs(tf.sub(g1, g2))).arraySync()).toBeLessThan(1e-6);
    tf.dispose([labels, x, g1, g2]);
  });

  it("'probabilities' ending in a softmax layer finds the logits by itself", () => {
    const c = classifierFromLayersModel(
      logitsThenSoftmax(),
      testManifest(SHAPE, K, 'probabilities'),
    );
    expectClose(logitsOf(c), affine(), 5);
    expect(c.notes.join()).toContain('final softmax layer probs');
  });

  it("'probabilities' of a Dense(softmax): logits = log(p + 1e-12), so softmax(logits) = p", () => {
    const model = denseModel(W, B, D, 'softmax');
    const c = classifierFromLayersModel(model, testManifest(SHAPE, K, 'probabilities'));
    const z = logitsOf(c);
    expectClose(softmaxRows(z), softmaxRows(affine()), 6);
    z.forEach((row) => expect(row.every((v) => v <= 1e-6)).toBe(true)); // log p <= 0
    expect(c.notes.join()).toContain('log-probabilities');
  });

  it("'binary-logit': z becomes [0, z], so softmax = [1 - sigmoid(z), sigmoid(z)]", () => {
    const w = W.subarray(0, D);
    const b = Float32Array.of(0.3);
    const z = images.map((im) => im.data.reduce((s, v, i) => s + v * (w[i] as number), 0.3));
    for (const activation of ['linear', 'sigmoid'] as const) {
      const model = denseModel(Float32Array.from(w), b, D, activation);
      const c = classifierFromLayersModel(model, testManifest(SHAPE, 2, 'binary-logit'));
      const p = softmaxRows(logitsOf(c));
      z.forEach((zi, i) => {
        const sigmoid = 1 / (1 + Math.exp(-zi));
        expect(p[i]?.[1]).toBeCloseTo(sigmoid, 5);
        expect(p[i]?.[0]).toBeCloseTo(1 - sigmoid, 5);
      });
      if (activation === 'linear') expect(logitsOf(c).every((row) => row[0] === 0)).toBe(true);
    }
  });

  it("maps pixels [0, 1] to the model's range: 255 x for '0-255', 2 x - 1 for '-1-1'", () => {
    // W/255 applied to 255 x, and (W/2) applied to 2x - 1 with bias b + sum(W)/2, both give W x + b.
    const k255 = W.map((v) => v / 255);
    const m255 = testManifest(SHAPE, K, 'logits', {
      preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-255' },
    });
    expectClose(logitsOf(classifierFromLayersModel(denseModel(k255, B, D), m255)), affine(), 4);
    const kHalf = W.map((v) => v / 2);
    const bShift = B.map((b, k) => {
      let s = b;
      for (let i = 0; i < D; i++) s += (W[i * K + k] as number) / 2;
      return s;
    });
    const m11 = testManifest(SHAPE, K, 'logits', {
      preprocessing: { recipe: 'mnist', colour: 'grey', range: '-1-1' },
    });
    expectClose(
      logitsOf(classifierFromLayersModel(denseModel(kHalf, bShift, D), m11)),
      affine(),
      4,
    );
  });

  it('rejects manifests that do not fit the model with model-load-failed', () => {
    const fails = (f: () => unknown) =>
      expect(f).toThrow(expect.objectContaining({ code: 'model-load-failed' }) as EngineError);
    fails(() => classifierFromLayersModel(denseModel(W, B, D, 'softmax'), testManifest(SHAPE, K)));
    fails(() => classifierFromLayersModel(denseModel(W, B, D), testManifest(SHAPE, K + 1)));
    fails(() => classifierFromLayersModel(denseModel(W, B, D), testManifest([5, 5, 1], K)));
    fails(() =>
      classifierFromLayersModel(
        logitsThenSoftmax(),
        testManifest(SHAPE, K, 'probabilities', { logitsLayer: 'nope' }),
      ),
    );
    fails(() =>
      classifierFromLayersModel(denseModel(W, B, D), testManifest(SHAPE, K, 'binary-logit')),
    );
  });
});

describe('ensembleClassifier', () => {
  it('softmax of the ensemble logits is the mean of the member probabilities', () => {
    const members = [0, 1, 2].map((m) => {
      const w = seededValues(D * K, 50 + m, -2, 2);
      return classifierFromFunction(`m${m}`, K, SHAPE, (x) =>
        tf.matMul(x.reshape([x.shape[0], D]), tf.tensor2d(w, [D, K])),
      );
    });
    const ensemble = ensembleClassifier(members);
    expect(ensemble.id).toBe('ensemble(m0+m1+m2)');
    const memberProbs = members.map((m) => softmaxRows(logitsOf(m)));
    const mean = images.map((_, i) =>
      Array.from(
        { length: K },
        (_, k) => memberProbs.reduce((s, p) => s + (p[i]?.[k] ?? NaN), 0) / 3,
      ),
    );
    const z = logitsOf(ensemble);
    expectClose(softmaxRows(z), mean, 6);
    // log of the mean probability itself, not just up to a shift
    expectClose(
      z.map((row) => row.map(Math.exp)),
      mean,
      6,
    );
  });

  it('rejects members that do not match', () => {
    const a = classifierFromFunction('a', K, SHAPE, (x) => tf.zeros([x.shape[0], K]));
    const b = classifierFromFunction('b', K + 1, SHAPE, (x) => tf.zeros([x.shape[0], K + 1]));
    expect(() => ensembleClassifier([a, b])).toThrow(EngineError);
    expect(() => ensembleClassifier([])).toThrow(EngineError);
  });
});
