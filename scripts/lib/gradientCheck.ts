/**
 * Compares FGSM directions with a float64 reference on real images: the engine's stable
 * gradient, and tfjs's own softmax cross-entropy gradient (what the engine used before, which
 * drops the true-class term where float32 rounds p_y to 1). Used by `npm run gradient-check`
 * and by the test that pins the engine to the reference on saturated MNIST images.
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../../src/engine/core/classifier';
import {
  referenceInputGradient,
  referenceLayersOf,
  signDisagreement,
} from '../../src/engine/core/float64Reference';
import { exactSign, gradientSign } from '../../src/engine/core/gradient';
import type { LabelledSet } from './trainingData';

export interface DirectionDisagreement {
  images: number;
  /** images whose true-class probability is exactly 1 in float32 */
  saturated: number;
  /** fraction of all pixels whose FGSM sign differs from float64's */
  pixels: number;
  /** images with more than 5% of their pixels' signs wrong */
  imagesOver5Percent: number;
}

export interface GradientCheck {
  engine: DirectionDisagreement;
  tfjsOwn: DirectionDisagreement;
}

const CHUNK = 250;

/** [sum of per-image disagreement, images over 5%] */
function add(tally: number[], disagreement: number): void {
  tally[0] = (tally[0] ?? 0) + disagreement;
  tally[1] = (tally[1] ?? 0) + (disagreement > 0.05 ? 1 : 0);
}

/** tfjs's softmaxCrossEntropy gradient sign: the formula the engine no longer uses. */
function tfjsOwnSign(c: Classifier, x: tf.Tensor4D, labels: tf.Tensor1D): tf.Tensor4D {
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels.toInt(), c.numClasses);
    const g = tf.grad((input: tf.Tensor) =>
      tf.losses.softmaxCrossEntropy(
        oneHot,
        c.logits(input as tf.Tensor4D),
        undefined,
        undefined,
        tf.Reduction.SUM,
      ),
    )(x);
    return exactSign(g as tf.Tensor4D);
  });
}

/** `model` must be a Sequential of Dense and Maxout layers (the float64 reference's scope). */
export async function checkGradients(
  c: Classifier,
  model: { layers: Parameters<typeof referenceLayersOf>[0]['layers'] },
  set: LabelledSet,
): Promise<GradientCheck> {
  const layers = referenceLayersOf(model);
  const tallies = { engine: [0, 0], tfjsOwn: [0, 0] };
  let saturated = 0;
  const [h, w, ch] = c.inputShape;
  for (let start = 0; start < set.count; start += CHUNK) {
    const n = Math.min(CHUNK, set.count - start);
    const xs = set.x.subarray(start * set.dim, (start + n) * set.dim);
    const ys = set.labels.subarray(start, start + n);
    const [engine, own, py] = tf.tidy(() => {
      const x = tf.tensor4d(xs, [n, h, w, ch]);
      const y = tf.tensor1d(ys, 'int32');
      const p = tf.sum(tf.mul(tf.softmax(c.logits(x)), tf.oneHot(y, c.numClasses)), 1);
      return [gradientSign(c, x, y), tfjsOwnSign(c, x, y), p];
    });
    const [e, o, p] = await Promise.all([engine.data(), own.data(), py.data()]);
    tf.dispose([engine, own, py]);
    p.forEach((v) => (saturated += v === 1 ? 1 : 0));
    for (let i = 0; i < n; i++) {
      const image = xs.subarray(i * set.dim, (i + 1) * set.dim);
      const reference = referenceInputGradient(layers, image, ys[i] ?? 0);
      const rows = (t: Float32Array) => t.subarray(i * set.dim, (i + 1) * set.dim);
      add(tallies.engine, signDisagreement(rows(e as Float32Array), reference));
      add(tallies.tfjsOwn, signDisagreement(rows(o as Float32Array), reference));
    }
  }
  const summary = ([sum, over]: number[]): DirectionDisagreement => ({
    images: set.count,
    saturated,
    pixels: (sum ?? 0) / set.count,
    imagesOver5Percent: over ?? 0,
  });
  return { engine: summary(tallies.engine), tfjsOwn: summary(tallies.tfjsOwn) };
}
