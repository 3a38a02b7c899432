/**
 * Errors on held-out images while a model trains: clean, FGSM at eps (true labels) and +-eps sign
 * noise of the same max-norm (a fixed draw per chunk, so every measurement sees the same noise),
 * each through the engine's attackBatch.
 */
import * as tf from '@tensorflow/tfjs';
import { attackBatch } from '../attack';
import type { Classifier } from '../classifier';
import type { Batch } from './trainStep';

export interface ErrorCounts {
  clean: number;
  fgsm: number;
  noise: number;
  images: number;
}

/** The noise seed of held-out chunk `chunk`: fixed, so the noise never changes during a run. */
export function heldOutNoiseSeed(chunk: number): number {
  return (0x51ed + chunk * 7919) >>> 0;
}

/**
 * A held-out chunk's inputs, made once per run and kept (the caller disposes them): its images,
 * labels, and images under the chunk's fixed +-eps sign noise (drawn on the CPU once, not at
 * every measurement).
 */
export interface HeldOutInputs {
  x: tf.Tensor4D;
  labels: tf.Tensor1D;
  noisy: tf.Tensor4D;
}

export function heldOutInputs(
  c: Classifier,
  batch: Batch,
  eps: number,
  noiseSeed: number,
): HeldOutInputs {
  const [h, w, ch] = c.inputShape;
  const n = batch.labels.length;
  return tf.tidy(() => {
    const x = tf.tensor4d(batch.x, [n, h, w, ch]);
    const noisy = attackBatch(c, x, { mode: 'random-sign', eps, seed: noiseSeed, clip: [0, 1] });
    return { x, labels: tf.tensor1d(batch.labels, 'int32'), noisy };
  });
}

/** Wrong answers on a chunk, clean, under FGSM and under its sign noise (one read-back). */
export async function countChunkErrors(
  c: Classifier,
  inputs: HeldOutInputs,
  eps: number,
): Promise<ErrorCounts> {
  const { x, labels, noisy } = inputs;
  const n = labels.shape[0];
  const counts = tf.tidy(() => {
    const fgsm = attackBatch(c, x, { mode: 'fgsm', eps, labels, clip: [0, 1] });
    // one forward pass for the three inputs: fewer, larger ops
    const predicted = tf.argMax(c.logits(tf.concat([x, fgsm, noisy], 0)), 1).reshape([3, n]);
    return tf.notEqual(predicted, labels.reshape([1, n])).sum(1);
  });
  try {
    const [clean = 0, fgsm = 0, noise = 0] = Array.from(await counts.data());
    return { clean, fgsm, noise, images: n };
  } finally {
    counts.dispose();
  }
}
