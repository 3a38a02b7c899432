import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Maxout } from '../layers';
import type { Classifier } from './classifier';
import { classifierFromFunction } from './classifiers';
import { crossSectionImage } from './crossSection';
import { firstLayerOf, type FirstLayerSplit, type SplittableClassifier } from './firstLayer';
import { classifierFromLayersModel } from './layersClassifier';
import { sweepImage } from './sweep';
import { seededImage, testManifest, useCpuBackend } from './testFixtures';
import { imageToTensor } from './tensors';

// A maxout MLP 8x8 -> maxout(12 units x 3 pieces) -> dense relu 16 -> dense 5 logits, fed in
// the '-1-1' range (so the input map 2p - 1 has an offset). Its first layer is affine in the
// pixels: z(x + a h + b v) = z(x) + a Wh' + b Wv' with W' = 2W, which the fast path uses.
const SHAPE: [number, number, number] = [8, 8, 1];
const D = 64;
const K = 5;
const image = seededImage(SHAPE, 51);
let fast: SplittableClassifier;
/** the same logits with no first-layer split: the generic path */
let generic: Classifier;

function maxoutMlp(): tf.Sequential {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const model = tf.sequential({
    layers: [
      new Maxout({ inputShape: [D], units: 12, pieces: 3, seed: 52 }),
      tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: init(53) }),
      tf.layers.dense({ units: K, kernelInitializer: init(54) }),
    ],
  });
  // non-zero biases, so a wrong bias or offset term shows
  const weights = model
    .getWeights()
    .map((w, i) =>
      w.shape.length === 1 ? tf.randomNormal(w.shape, 0, 0.3, 'float32', 60 + i) : w,
    );
  model.setWeights(weights);
  return model;
}

/** `c` whose split counts its logitsFrom calls. */
function spied(c: SplittableClassifier): { c: SplittableClassifier; calls: () => number } {
  const split = c.firstLayer as FirstLayerSplit;
  const logitsFrom = vi.fn((z: tf.Tensor2D) => split.logitsFrom(z));
  const wrapped: SplittableClassifier = {
    id: c.id,
    numClasses: c.numClasses,
    inputShape: c.inputShape,
    logits: (x) => c.logits(x),
    firstLayer: { ...split, logitsFrom },
  };
  return { c: wrapped, calls: () => logitsFrom.mock.calls.length };
}

beforeAll(async () => {
  await useCpuBackend();
  const manifest = testManifest(SHAPE, K, 'logits', {
    preprocessing: { recipe: 'mnist', colour: 'grey', range: '-1-1' },
  });
  fast = classifierFromLayersModel(maxoutMlp(), manifest);
  generic = classifierFromFunction('generic', K, SHAPE, (x) => fast.logits(x));
});

function expectAllClose(a: ArrayLike<number>, b: ArrayLike<number>, tolerance: number): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  expect(worst).toBeLessThan(tolerance);
}

describe('first-layer split', () => {
  it('is offered for a Dense/Maxout MLP and not for a generic classifier', () => {
    expect(firstLayerOf(fast)).toBeDefined();
    expect(firstLayerOf(generic)).toBeUndefined();
  });

  it('logitsFrom(preactivation(x)) equals the logits of x', async () => {
    const split = fast.firstLayer as FirstLayerSplit;
    const [viaSplit, direct] = tf.tidy(() => {
      const x = imageToTensor(image);
      return [split.logitsFrom(split.preactivation(x)), fast.logits(x)];
    });
    expectAllClose(await viaSplit!.data(), await direct!.data(), 1e-5);
    tf.dispose([viaSplit!, direct!]);
  });

  it('preactivation is affine: z(x + 0.3 d) = z(x) + 0.3 linear(d)', async () => {
    const split = fast.firstLayer as FirstLayerSplit;
    const d = seededImage(SHAPE, 55);
    const [lhs, rhs] = tf.tidy(() => {
      const x = imageToTensor(image);
      const dt = imageToTensor(d);
      return [
        split.preactivation(tf.add(x, tf.mul(dt, 0.3)) as tf.Tensor4D),
        tf.add(split.preactivation(x), tf.mul(split.linear(dt), 0.3)),
      ];
    });
    expectAllClose(await lhs!.data(), await rhs!.data(), 1e-5);
    tf.dispose([lhs!, rhs!]);
  });
});

describe('sweep and cross-section through the first-layer split', () => {
  it('an unclipped sweep uses the split and matches the generic path within 1e-4', async () => {
    const { c, calls } = spied(fast);
    const params = { epsMax: 1, points: 41, labelSource: 'predicted' as const };
    const viaSplit = await sweepImage(c, image, params);
    const plain = await sweepImage(generic, image, params);
    expect(calls()).toBeGreaterThan(0);
    expectAllClose(viaSplit.logits, plain.logits, 1e-4);
    expectAllClose(viaSplit.probabilities, plain.probabilities, 1e-4);
    expect(Array.from(viaSplit.predictedClass)).toEqual(Array.from(plain.predictedClass));
    expect(new Set(plain.predictedClass).size).toBeGreaterThan(1); // the line crosses classes
  });

  it('a clipped sweep keeps the generic path (clipping is not linear)', async () => {
    const { c, calls } = spied(fast);
    await sweepImage(c, image, { epsMax: 0.5, points: 11, labelSource: 'predicted', clip: [0, 1] });
    expect(calls()).toBe(0);
  });

  it('an unclipped cross-section uses the split and matches the generic path', async () => {
    const { c, calls } = spied(fast);
    const params = { epsMax: 1, resolution: 24, seed: 3, labelSource: 'predicted' as const };
    const viaSplit = await crossSectionImage(c, image, params, { chunkSize: 100 });
    const plain = await crossSectionImage(generic, image, params, { chunkSize: 100 });
    expect(calls()).toBeGreaterThan(0);
    expectAllClose(viaSplit.confidence, plain.confidence, 1e-4);
    expect(Array.from(viaSplit.predictedClass)).toEqual(Array.from(plain.predictedClass));
    expect(new Set(plain.predictedClass).size).toBeGreaterThan(1);
  });

  it('a clipped cross-section keeps the generic path', async () => {
    const { c, calls } = spied(fast);
    const params = { epsMax: 0.5, resolution: 8, labelSource: 'predicted' as const, clip: [0, 1] };
    await crossSectionImage(c, image, params as Parameters<typeof crossSectionImage>[2]);
    expect(calls()).toBe(0);
  });

  it('leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    await sweepImage(fast, image, { epsMax: 1, points: 9, labelSource: 'predicted' });
    await crossSectionImage(fast, image, { epsMax: 1, resolution: 8, labelSource: 'predicted' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
