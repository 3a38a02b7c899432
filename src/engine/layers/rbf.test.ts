import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RBF } from './rbf';
import { registerCustomLayers } from './register';
import { roundTrip } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCustomLayers();
});

function buildModel(inputDim: number, units: number): { model: tf.LayersModel; layer: RBF } {
  const layer = new RBF({ units, seed: 1, inputShape: [inputDim] });
  return { model: tf.sequential({ layers: [layer] }), layer };
}

describe('RBF', () => {
  it('has mu and beta of shape [inputDim, units] and outputs [batch, units]', () => {
    const { model } = buildModel(5, 3);
    const [mu, beta] = model.getWeights();
    expect(mu?.shape).toEqual([5, 3]);
    expect(beta?.shape).toEqual([5, 3]);
    expect((model.apply(tf.zeros([4, 5])) as tf.Tensor).shape).toEqual([4, 3]);
  });

  it('computes s_i = -sum_j beta_ji (x_j - mu_ji)^2 (hand computation)', async () => {
    // Two inputs, two classes. mu columns: class 0 at (0, 1), class 1 at (1, 1).
    // beta columns: class 0 (1, 2), class 1 (0.5, 0).
    const { model } = buildModel(2, 2);
    model.setWeights([
      tf.tensor2d([
        [0, 1],
        [1, 1],
      ]),
      tf.tensor2d([
        [1, 0.5],
        [2, 0],
      ]),
    ]);
    // x = (1, 2): s_0 = -(1*(1-0)^2 + 2*(2-1)^2) = -3; s_1 = -(0.5*(1-1)^2 + 0*(2-1)^2) = 0.
    // x = (3, -1): s_0 = -(1*9 + 2*4) = -17; s_1 = -(0.5*4 + 0) = -2.
    const s = (await (
      model.apply(
        tf.tensor2d([
          [1, 2],
          [3, -1],
        ]),
      ) as tf.Tensor
    ).array()) as number[][];
    expect(s[0]?.[0]).toBeCloseTo(-3, 5);
    expect(s[0]?.[1]).toBeCloseTo(0, 5);
    expect(s[1]?.[0]).toBeCloseTo(-17, 4);
    expect(s[1]?.[1]).toBeCloseTo(-2, 5);
  });

  it('agrees with the direct broadcast formula on random data and peaks (0) at the centre', async () => {
    const { model } = buildModel(6, 4);
    const mu = tf.randomUniform([6, 4], 0, 1, 'float32', 2);
    const beta = tf.randomUniform([6, 4], 0, 3, 'float32', 3);
    model.setWeights([mu, beta]);
    const x = tf.randomUniform([5, 6], 0, 1, 'float32', 4);
    const direct = tf.neg(tf.sum(tf.mul(beta, tf.square(tf.sub(x.expandDims(2), mu))), 1));
    const got = await (model.apply(x) as tf.Tensor).data();
    const want = await direct.data();
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i] ?? NaN, 4));
    const atCentre = tf.transpose(mu).slice([2, 0], [1, 6]);
    const s = await (model.apply(atCentre) as tf.Tensor).data();
    expect(s[2]).toBeCloseTo(0, 5);
    s.forEach((v) => expect(v).toBeLessThanOrEqual(1e-5));
  });

  it('keeps beta >= 0 through its non-negativity constraint', async () => {
    const { model, layer } = buildModel(2, 1);
    model.setWeights([tf.zeros([2, 1]), tf.tensor2d([[-1], [2]])]);
    const beta = layer.trainableWeights[1];
    if (beta === undefined) throw new Error('no beta');
    expect(beta.name).toMatch(/beta/);
    beta.write(beta.constraint.apply(beta.read()));
    expect(Array.from(await beta.read().data())).toEqual([0, 2]);
  });

  it('survives a save / load round trip with identical outputs', async () => {
    const { model } = buildModel(6, 3);
    model.setWeights([
      tf.randomUniform([6, 3], 0, 1, 'float32', 5),
      tf.randomUniform([6, 3], 0, 1, 'float32', 6),
    ]);
    const x = tf.randomUniform([4, 6], 0, 1, 'float32', 7);
    const loaded = await roundTrip(model);
    expect(loaded.layers[0]?.getClassName()).toBe('RBF');
    const want = await (model.apply(x) as tf.Tensor).data();
    const got = await (loaded.apply(x) as tf.Tensor).data();
    expect(Array.from(got)).toEqual(Array.from(want));
  });

  it('rejects bad arguments with a clear error', () => {
    expect(() => new RBF({ units: 0 })).toThrow(/units/);
    expect(() => new RBF({ units: 2, betaInit: -1 })).toThrow(/betaInit/);
  });
});
