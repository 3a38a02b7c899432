import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { exactSign } from './gradient';

// Gradients of a confident model are often far below float32 epsilon; FGSM needs their sign.
const tiny = [1.2e-7, 1.1e-7, -1e-7, 3e-12, -4e-20, 0, 2.5, -0.5];
const expected = [1, 1, -1, 1, -1, 0, 1, -1];

describe('exactSign', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const backend of ['cpu', 'wasm']) {
    it(`gives +-1 for every nonzero value, however small, on ${backend}`, async () => {
      await tf.setBackend(backend);
      await tf.ready();
      const before = tf.memory().numTensors;
      const input = tf.tensor1d(tiny);
      const signs = exactSign(input);
      expect(Array.from(await signs.data())).toEqual(expected);
      tf.dispose([input, signs]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
