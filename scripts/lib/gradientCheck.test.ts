/**
 * The shipped mnist-maxout on MNIST test images whose true-class probability is exactly 1 in
 * float32: the engine's FGSM directions match a float64 reference sign for sign (issue 20).
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierFromLayersModel } from '../../src/engine/core/layersClassifier';
import { checkGradients } from './gradientCheck';
import { loadDataset } from './loadDataset';
import { loadModelFromDir } from './modelFiles';
import { MODELS_DIR, readModelIndex } from './modelIndex';
import { labelledSet, type LabelledSet } from './trainingData';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The first `count` images of `set` that the classifier puts at p_y = 1 exactly. */
function saturatedImages(set: LabelledSet, p: Float32Array, count: number): LabelledSet {
  const rows: number[] = [];
  for (let i = 0; i < set.count && rows.length < count; i++) if (p[i] === 1) rows.push(i);
  const x = new Float32Array(rows.length * set.dim);
  rows.forEach((r, k) => x.set(set.x.subarray(r * set.dim, (r + 1) * set.dim), k * set.dim));
  return {
    x,
    labels: Int32Array.from(rows, (r) => set.labels[r] ?? 0),
    count: rows.length,
    dim: set.dim,
  };
}

describe('mnist-maxout on saturated MNIST test images', () => {
  it("FGSM signs agree with float64 (tfjs's own gradient does not)", async () => {
    const index = await readModelIndex();
    const manifest = index.models.find((m) => m.id === 'mnist-maxout');
    if (!manifest) throw new Error('mnist-maxout is not in models/index.json');
    const model = await loadModelFromDir(join(MODELS_DIR, 'mnist-maxout'));
    const c = classifierFromLayersModel(model, manifest);
    const all = labelledSet(await loadDataset('mnist', 'test'), 0, 500);
    const py = tf.tidy(() =>
      tf
        .sum(
          tf.mul(
            tf.softmax(c.logits(tf.tensor4d(all.x, [all.count, 28, 28, 1]))),
            tf.oneHot(tf.tensor1d(all.labels, 'int32'), 10),
          ),
          1,
        )
        .dataSync(),
    ) as Float32Array;
    const set = saturatedImages(all, py, 24);
    expect(set.count).toBe(24);
    const check = await checkGradients(c, model, set);
    expect(check.engine.saturated).toBe(24);
    expect(check.engine.pixels).toBeLessThan(1e-4);
    expect(check.engine.imagesOver5Percent).toBe(0);
    // the old formula: the true-class term lost on every one of these images
    expect(check.tfjsOwn.pixels).toBeGreaterThan(0.05);
    model.dispose();
  });
});
