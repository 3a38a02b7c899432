import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Maxout } from './maxout';
import { registerCustomLayers } from './register';
import { roundTrip } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCustomLayers();
});

/** Plain-JS reference: h_u = max_k (sum_i x_i W[i][u*pieces+k] + b[u*pieces+k]). */
function maxoutByHand(
  x: number[],
  kernel: number[][],
  bias: number[],
  units: number,
  pieces: number,
): number[] {
  const out: number[] = [];
  for (let u = 0; u < units; u++) {
    let best = -Infinity;
    for (let k = 0; k < pieces; k++) {
      const column = u * pieces + k;
      let z = bias[column] ?? 0;
      x.forEach((xi, i) => (z += xi * (kernel[i]?.[column] ?? 0)));
      best = Math.max(best, z);
    }
    out.push(best);
  }
  return out;
}

function buildModel(inputDim: number, units: number, pieces: number, seed = 1): tf.LayersModel {
  const model = tf.sequential();
  model.add(new Maxout({ units, pieces, seed, inputShape: [inputDim] }));
  return model;
}

describe('Maxout', () => {
  it('has a [inputDim, units*pieces] kernel, a [units*pieces] bias and [batch, units] output', () => {
    const model = buildModel(4, 2, 3);
    const [kernel, bias] = model.getWeights();
    expect(kernel?.shape).toEqual([4, 6]);
    expect(bias?.shape).toEqual([6]);
    const y = model.apply(tf.zeros([5, 4]), { training: false }) as tf.Tensor;
    expect(y.shape).toEqual([5, 2]);
    expect(model.outputs[0]?.shape).toEqual([null, 2]);
  });

  it('outputs the max over the pieces of each unit (column = unit * pieces + piece)', async () => {
    const units = 2;
    const pieces = 3;
    // Distinct values per column, so a unit-major / piece-major mix-up changes the answer.
    const kernel = [
      [1, -2, 0.5, 3, -1, 0],
      [-1, 4, 2, -3, 0.25, 1],
      [0, 1, -1, 2, 2, -2],
    ];
    const bias = [0.1, -0.2, 0.3, -0.4, 0.5, 0];
    const model = buildModel(3, units, pieces);
    model.setWeights([tf.tensor2d(kernel), tf.tensor1d(bias)]);
    const xs = [
      [1, 0, 0],
      [0, 1, 0],
      [0.5, -1, 2],
      [-1, -1, -1],
    ];
    const y = model.apply(tf.tensor2d(xs), { training: false }) as tf.Tensor;
    const got = (await y.array()) as number[][];
    xs.forEach((x, row) => {
      const want = maxoutByHand(x, kernel, bias, units, pieces);
      want.forEach((w, u) => expect(got[row]?.[u]).toBeCloseTo(w, 5));
    });
  });

  it('passes the gradient only through the winning piece', async () => {
    const model = buildModel(1, 1, 2);
    // pieces: z0 = 2x, z1 = -x; at x = 1 the first piece wins, so dh/dx = 2.
    model.setWeights([tf.tensor2d([[2, -1]]), tf.tensor1d([0, 0])]);
    const grad = tf.grad((x: tf.Tensor) => (model.apply(x) as tf.Tensor).sum())(tf.tensor2d([[1]]));
    expect((await grad.data())[0]).toBeCloseTo(2, 6);
    const gradNeg = tf.grad((x: tf.Tensor) => (model.apply(x) as tf.Tensor).sum())(
      tf.tensor2d([[-1]]),
    );
    expect((await gradNeg.data())[0]).toBeCloseTo(-1, 6);
  });

  it('is seeded: the same seed gives the same kernel, another seed a different one', async () => {
    const a = await buildModel(8, 4, 2, 7).getWeights()[0]?.data();
    const b = await buildModel(8, 4, 2, 7).getWeights()[0]?.data();
    const c = await buildModel(8, 4, 2, 8).getWeights()[0]?.data();
    expect(Array.from(a ?? [])).toEqual(Array.from(b ?? []));
    expect(Array.from(a ?? [])).not.toEqual(Array.from(c ?? []));
  });

  it('survives a save / load round trip with identical outputs', async () => {
    const model = buildModel(6, 3, 4, 3);
    model.setWeights([
      tf.randomNormal([6, 12], 0, 1, 'float32', 5),
      tf.randomNormal([12], 0, 1, 'float32', 6),
    ]);
    const x = tf.randomUniform([7, 6], 0, 1, 'float32', 9);
    const loaded = await roundTrip(model);
    expect(loaded.layers[0]?.getClassName()).toBe('Maxout');
    expect(loaded.layers[0]?.getConfig()).toMatchObject({ units: 3, pieces: 4, seed: 3 });
    const want = await (model.apply(x) as tf.Tensor).data();
    const got = await (loaded.apply(x) as tf.Tensor).data();
    expect(Array.from(got)).toEqual(Array.from(want));
  });

  it('max-norm constraint rescales columns whose norm exceeds the limit', async () => {
    const layer = new Maxout({ units: 1, pieces: 2, maxNorm: 1, inputShape: [2] });
    const model = tf.sequential({ layers: [layer] });
    model.setWeights([
      tf.tensor2d([
        [3, 0.3],
        [4, 0.4],
      ]),
      tf.tensor1d([0, 0]),
    ]);
    const kernel = layer.trainableWeights[0];
    if (kernel === undefined) throw new Error('no kernel');
    kernel.write(kernel.constraint.apply(kernel.read()));
    // column 0 has norm 5 -> scaled to norm 1; column 1 has norm 0.5 -> unchanged.
    const k = (await kernel.read().array()) as number[][];
    expect(k[0]?.[0]).toBeCloseTo(0.6, 4);
    expect(k[1]?.[0]).toBeCloseTo(0.8, 4);
    expect(k[0]?.[1]).toBeCloseTo(0.3, 5);
  });

  it('rejects bad arguments with a clear error', () => {
    expect(() => new Maxout({ units: 0, pieces: 2 })).toThrow(/units/);
    expect(() => new Maxout({ units: 2, pieces: 1.5 })).toThrow(/pieces/);
    expect(() => new Maxout({ units: 2, pieces: 2, maxNorm: -1 })).toThrow(/maxNorm/);
  });
});
