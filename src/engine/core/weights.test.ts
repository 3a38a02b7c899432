import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Maxout } from '../layers/maxout';
import { RBF } from '../layers/rbf';
import { EngineError } from './errors';
import { denseModel, seededValues, testManifest, useCpuBackend } from './testFixtures';
import { firstLayerWeights } from './weights';

const SHAPE: [number, number, number] = [4, 4, 1];
const D = 16;

beforeAll(useCpuBackend);

/** data is units x pieces x D, unit-major: entry (u, k, i). */
const at = (data: Float32Array, pieces: number, u: number, k: number, i: number) =>
  data[(u * pieces + k) * D + i];

describe('firstLayerWeights', () => {
  it('Dense: unit u is kernel column u, drawn in the input image shape', async () => {
    const kernel = seededValues(D * 3, 61);
    const model = denseModel(kernel, new Float32Array(3), D);
    const w = await firstLayerWeights(model, testManifest(SHAPE, 3));
    expect(w).toMatchObject({
      layerName: 'logits',
      kind: 'dense',
      units: 3,
      pieces: 1,
      imageShape: SHAPE,
    });
    for (let u = 0; u < 3; u++)
      for (let i = 0; i < D; i++) expect(at(w.data, 1, u, 0, i)).toBe(kernel[i * 3 + u]);
  });

  it('Maxout: skips weightless layers; (unit, piece) is kernel column unit * pieces + piece', async () => {
    const units = 3;
    const pieces = 2;
    const maxout = new Maxout({ units, pieces, name: 'mx' });
    const model = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: SHAPE }), maxout, tf.layers.dense({ units: 4 })],
    });
    const kernel = seededValues(D * units * pieces, 62);
    maxout.setWeights([tf.tensor2d(kernel, [D, units * pieces]), tf.zeros([units * pieces])]);
    const w = await firstLayerWeights(model, testManifest(SHAPE, 4));
    expect(w).toMatchObject({ layerName: 'mx', kind: 'maxout', units, pieces, imageShape: SHAPE });
    for (let u = 0; u < units; u++)
      for (let k = 0; k < pieces; k++)
        for (let i = 0; i < D; i++)
          expect(at(w.data, pieces, u, k, i)).toBe(kernel[i * units * pieces + u * pieces + k]);
  });

  it('RBF: per class, piece 0 is the centre mu_i and piece 1 the precision beta_i', async () => {
    const rbf = new RBF({ units: 4, name: 'rbf' });
    const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: SHAPE }), rbf] });
    const mu = seededValues(D * 4, 63, 0, 1);
    const beta = seededValues(D * 4, 64, 0, 1);
    rbf.setWeights([tf.tensor2d(mu, [D, 4]), tf.tensor2d(beta, [D, 4])]);
    const w = await firstLayerWeights(model, testManifest(SHAPE, 4));
    expect(w).toMatchObject({ kind: 'rbf', units: 4, pieces: 2, imageShape: SHAPE });
    for (let u = 0; u < 4; u++) {
      for (let i = 0; i < D; i++) {
        expect(at(w.data, 2, u, 0, i)).toBe(mu[i * 4 + u]);
        expect(at(w.data, 2, u, 1, i)).toBe(beta[i * 4 + u]);
      }
    }
  });

  it('Conv2D: filter f is kernel[:, :, :, f], an image of kh x kw x cin', async () => {
    const conv = tf.layers.conv2d({
      inputShape: [6, 6, 2],
      kernelSize: [3, 2],
      filters: 4,
      name: 'c1',
    });
    const model = tf.sequential({ layers: [conv] });
    const kernel = seededValues(3 * 2 * 2 * 4, 65);
    conv.setWeights([tf.tensor4d(kernel, [3, 2, 2, 4]), tf.zeros([4])]);
    const w = await firstLayerWeights(model, testManifest([6, 6, 2], 4));
    expect(w).toMatchObject({ kind: 'conv', units: 4, pieces: 1, imageShape: [3, 2, 2] });
    // kernel index ((r * 2 + c) * 2 + ch) * 4 + f; image index (r * 2 + c) * 2 + ch.
    for (let f = 0; f < 4; f++)
      for (let j = 0; j < 12; j++) expect(w.data[f * 12 + j]).toBe(kernel[j * 4 + f]);
  });

  it('leaks nothing and rejects layers it cannot draw', async () => {
    const model = denseModel(seededValues(D * 2, 66), new Float32Array(2), D);
    await firstLayerWeights(model, testManifest(SHAPE, 2));
    const before = tf.memory().numTensors;
    await firstLayerWeights(model, testManifest(SHAPE, 2));
    expect(tf.memory().numTensors).toBe(before);
    const lstmLike = tf.sequential({
      layers: [tf.layers.embedding({ inputDim: 10, outputDim: 3, inputLength: 4 })],
    });
    await expect(firstLayerWeights(lstmLike, testManifest(SHAPE, 2))).rejects.toBeInstanceOf(
      EngineError,
    );
  });
});
