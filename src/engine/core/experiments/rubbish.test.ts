import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededValues, useCpuBackend } from '../testFixtures';
import { gaussianImage, rubbishClass } from './rubbish';
import { DIM, linearClassifier, SHAPE } from './testing';

beforeAll(useCpuBackend);

describe('rubbishClass (x ~ N(0, I), not clipped)', () => {
  it('zero weights: p = 1/10 for every class on any input, so no noise image is an error', async () => {
    const zero = linearClassifier('zero', new Float32Array(10 * DIM), new Float32Array(10));
    const r = await rubbishClass([zero], 40, 1, { chunkSize: 16 }, 3);
    const row = r.rows[0];
    expect(row?.errorRate).toBe(0);
    expect(row?.meanConfidenceOnMistakes).toBe(0);
    expect(row?.classCounts).toEqual(new Array(10).fill(0));
    expect(row?.examples.map((e) => e.confidence)).toEqual([0.1, 0.1, 0.1].map(Math.fround));
  });

  it('a binary linear model without bias always errs: w.x ~ N(0, |w|^2) is never exactly 0', async () => {
    // logits [0, w.x]: p(1) > 0.5 iff w.x > 0 and p(0) > 0.5 iff w.x < 0.
    const w = seededValues(DIM, 4, -1, 1);
    const kernel = new Float32Array(2 * DIM);
    w.forEach((v, i) => (kernel[2 * i + 1] = v));
    const binary = linearClassifier('binary', kernel, new Float32Array(2));
    const r = await rubbishClass([binary], 300, 2, { chunkSize: 128 });
    const row = r.rows[0];
    expect(row?.errorRate).toBe(1);
    expect((row?.classCounts[0] ?? 0) + (row?.classCounts[1] ?? 0)).toBe(300);
    // the most confident example is the noise image with the largest |w.x|
    let best = 0;
    for (let i = 0; i < 300; i++) {
      const x = gaussianImage(2, i, DIM);
      const zi = Math.abs(w.reduce((s, v, j) => s + v * (x[j] as number), 0));
      best = Math.max(best, zi);
    }
    const top = row?.examples[0];
    expect(top?.confidence).toBeCloseTo(1 / (1 + Math.exp(-best)), 5);
  });

  it('the examples are the very noise images classified: unclipped, reproducible from the seed', async () => {
    const bias = Float32Array.of(0, 0, 3);
    const c = linearClassifier('lin', seededValues(3 * DIM, 5, -0.5, 0.5), bias);
    const r = await rubbishClass([c], 25, 7, { chunkSize: 10 }, 4);
    const examples = r.rows[0]?.examples ?? [];
    expect(examples).toHaveLength(4);
    expect(r.shape).toEqual(SHAPE);
    for (const e of examples) {
      expect(Array.from(e.image)).toEqual(Array.from(gaussianImage(7, e.index, DIM)));
      const p = tf.tidy(() => tf.softmax(c.logits(tf.tensor4d(e.image, [1, ...SHAPE]))));
      const values = await p.data();
      p.dispose();
      expect(values[e.predictedClass]).toBeCloseTo(e.confidence, 6);
    }
    const all = examples.flatMap((e) => Array.from(e.image));
    expect(Math.min(...all)).toBeLessThan(0); // not clipped to [0, 1]
    const confidences = examples.map((e) => e.confidence);
    expect(confidences).toEqual([...confidences].sort((x, y) => y - x));
  });
});
