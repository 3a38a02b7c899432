/**
 * An 'rbf' model's probabilities are the paper's unnormalised p_i = exp(s_i) everywhere the
 * engine reports one, while its attacks are those of a logits model with the same scores s.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellEps } from '../../shared/crossSectionGrid';
import { RBF } from '../layers/rbf';
import { attackImage } from './attackImage';
import type { Classifier } from './classifier';
import { classifierFromFunction } from './classifiers';
import { crossSectionImage } from './crossSection';
import { EngineError } from './errors';
import { rubbishClass } from './experiments/rubbish';
import { testSetAttack } from './experiments/testSetAttack';
import { classifierFromLayersModel } from './layersClassifier';
import { predictImages } from './predict';
import { sweepImage } from './sweep';
import { denseModel, seededImage, seededValues, testManifest, useCpuBackend } from './testFixtures';

const SHAPE: [number, number, number] = [4, 4, 1];
const D = 16;
const K = 3;
// Small precisions keep every s_i near 0, so exp(s) sums to about 3: far from a softmax's 1.
const MU = seededValues(D * K, 61, 0, 1); // [D, K] row-major
const BETA = seededValues(D * K, 62, 0.01, 0.05);
const images = [seededImage(SHAPE, 63), seededImage(SHAPE, 64)];

/** s_i(x) = -sum_j beta_ji (x_j - mu_ji)^2 in float64. */
function scores(x: ArrayLike<number>): number[] {
  return Array.from({ length: K }, (_, k) => {
    let s = 0;
    for (let j = 0; j < D; j++) {
      const d = (x[j] as number) - (MU[j * K + k] as number);
      s -= (BETA[j * K + k] as number) * d * d;
    }
    return s;
  });
}

function rbfModel(): tf.LayersModel {
  const model = tf.sequential({ layers: [new RBF({ units: K, name: 'rbf', inputShape: [D] })] });
  model.setWeights([tf.tensor2d(MU, [D, K]), tf.tensor2d(BETA, [D, K])]);
  return model;
}

let rbf: Classifier;
/** The same scores s read as ordinary logits (softmax probabilities). */
let asLogits: Classifier;

beforeAll(async () => {
  await useCpuBackend();
  rbf = classifierFromLayersModel(rbfModel(), testManifest(SHAPE, K, 'rbf'));
  asLogits = classifierFromFunction('s-as-logits', K, SHAPE, (x) => rbf.logits(x));
});

const sum = (values: ArrayLike<number>): number => Array.from(values).reduce((a, b) => a + b, 0);

describe("output 'rbf': probabilities are exp(s), not softmax(s)", () => {
  it('predictions: p_i = exp(s_i), each in (0, 1], not summing to 1; class = argmax s', async () => {
    const predictions = await predictImages(rbf, images);
    predictions.forEach((p, i) => {
      const s = scores((images[i] as (typeof images)[number]).data);
      s.forEach((si, k) => {
        expect(p.logits[k]).toBeCloseTo(si, 5);
        expect(p.probabilities[k]).toBeCloseTo(Math.exp(si), 5);
        expect(p.probabilities[k]).toBeGreaterThan(0);
        expect(p.probabilities[k]).toBeLessThanOrEqual(1);
      });
      expect(sum(p.probabilities)).toBeGreaterThan(2);
      expect(p.predictedClass).toBe(s.indexOf(Math.max(...s)));
      expect(p.confidence).toBeCloseTo(Math.exp(Math.max(...s)), 5);
    });
    // the same scores read as logits are softmax-normalised: the rule is what differs
    const softmax = await predictImages(asLogits, images);
    softmax.forEach((p) => expect(sum(p.probabilities)).toBeCloseTo(1, 5));
  });

  it('attacks are unchanged (softmax cross-entropy on s); only the reported p differ', async () => {
    const params = { mode: 'fgsm' as const, eps: 0.2, labelSource: 'true' as const, trueLabel: 1 };
    const a = await attackImage(rbf, images[0] as (typeof images)[number], params);
    const b = await attackImage(asLogits, images[0] as (typeof images)[number], params);
    expect(Array.from(a.adversarial.data)).toEqual(Array.from(b.adversarial.data));
    expect(Array.from(a.attacked.logits)).toEqual(Array.from(b.attacked.logits));
    const s = Array.from(a.attacked.logits);
    s.forEach((si, k) => expect(a.attacked.probabilities[k]).toBeCloseTo(Math.exp(si), 5));
    expect(sum(a.attacked.probabilities)).not.toBeCloseTo(1, 2);
  });

  it('sweep probabilities are exp of the sweep logits', async () => {
    const r = await sweepImage(rbf, images[0] as (typeof images)[number], {
      epsMax: 0.3,
      points: 7,
      labelSource: 'predicted',
    });
    r.logits.forEach((z, i) => expect(r.probabilities[i]).toBeCloseTo(Math.exp(z), 5));
    expect(sum(r.probabilities.subarray(0, K))).toBeGreaterThan(1.5);
  });

  it('cross-section confidence is exp(max s) of each cell', async () => {
    const image = images[1] as (typeof images)[number];
    const r = await crossSectionImage(rbf, image, {
      epsMax: 0.2,
      resolution: 4,
      labelSource: 'predicted',
    });
    for (const [row, col] of [
      [0, 0],
      [2, 3],
    ] as const) {
      const [a, b] = cellEps(0.2, 4, row, col);
      const x = Array.from(
        { length: D },
        (_, j) =>
          (image.data[j] as number) +
          a * (r.horizontal[j] as number) +
          b * (r.vertical[j] as number),
      );
      const s = scores(x);
      expect(r.predictedClass[row * 4 + col]).toBe(s.indexOf(Math.max(...s)));
      expect(r.confidence[row * 4 + col]).toBeCloseTo(Math.exp(Math.max(...s)), 4);
    }
  });

  it('experiments report exp(s) as the confidence (confidence on mistakes, rubbish class)', async () => {
    const labels = Int32Array.from(images, (im) => {
      const s = scores(im.data);
      return (s.indexOf(Math.max(...s)) + 1) % K; // a wrong label for every image
    });
    const run = {
      data: Float32Array.from(images.flatMap((im) => Array.from(im.data))),
      labels,
      count: images.length,
      shape: SHAPE,
    };
    const result = await testSetAttack([rbf], { mode: 'uniform' }, [0], run, 1);
    const expected =
      images.map((im) => Math.exp(Math.max(...scores(im.data)))).reduce((a, b) => a + b) /
      images.length;
    expect(result.rows[0]?.cleanErrorRate).toBe(1);
    expect(result.rows[0]?.meanConfidenceOnMistakes).toBeCloseTo(expected, 5);

    const rubbish = await rubbishClass([rbf], 20, 3, { chunkSize: 8 }, 2);
    for (const e of rubbish.rows[0]?.examples ?? []) {
      const s = scores(e.image);
      expect(e.confidence).toBeCloseTo(Math.exp(Math.max(...s)), 4);
    }
  });

  it("refuses 'rbf' for a model whose last layer is not an RBF layer", () => {
    const dense = denseModel(seededValues(D * K, 65), seededValues(K, 66), D);
    expect(() => classifierFromLayersModel(dense, testManifest(SHAPE, K, 'rbf'))).toThrow(
      expect.objectContaining({ code: 'model-load-failed' }) as EngineError,
    );
  });
});
