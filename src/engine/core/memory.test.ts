import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttackMode } from '../api';
import { attackBatch } from './attack';
import { attackImage } from './attackImage';
import type { Classifier } from './classifier';
import { crossSectionImage } from './crossSection';
import { EngineError } from './errors';
import { classifierFromLayersModel } from './layersClassifier';
import { predictImages } from './predict';
import { sweepImage } from './sweep';
import { mlpModel, seededImage, testManifest, useCpuBackend } from './testFixtures';

// Every public op must leave tf.memory().numTensors where it found it, on success and on failure.
const SHAPE: [number, number, number] = [4, 4, 1];
const image = seededImage(SHAPE, 81);
let c: Classifier;

beforeAll(async () => {
  await useCpuBackend();
  c = classifierFromLayersModel(mlpModel(16, 8, 3, 2), testManifest(SHAPE, 3));
});

const MODES: AttackMode[] = ['fgsm', 'targeted', 'random-sign', 'uniform', 'pgd'];

async function oneOfEach(i: number): Promise<void> {
  const mode = MODES[i % MODES.length] as AttackMode;
  await attackImage(c, image, {
    mode,
    eps: 0.1,
    labelSource: 'predicted',
    targetClass: 2,
    steps: 3,
  });
  await sweepImage(c, image, { epsMax: 0.2, points: 11, labelSource: 'true', trueLabel: 1 });
  await crossSectionImage(c, image, { epsMax: 0.2, resolution: 10, labelSource: 'predicted' });
  await predictImages(c, [image, image]);
}

describe('tensor leaks', () => {
  it('100 operations (attack, sweep, cross-section, predict) leave numTensors unchanged', async () => {
    await oneOfEach(0); // warm-up: backends may allocate lasting helpers on first use
    const before = tf.memory().numTensors;
    for (let i = 0; i < 25; i++) await oneOfEach(i);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('20 failing calls leak nothing', async () => {
    const zeros = tf.zeros([1, ...SHAPE]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const failures: Array<() => Promise<unknown>> = [
      () => attackImage(c, image, { mode: 'fgsm', eps: 2, labelSource: 'predicted' }),
      () => attackImage(c, image, { mode: 'targeted', eps: 0.1, labelSource: 'predicted' }),
      () => sweepImage(c, image, { epsMax: 0.1, points: 1, labelSource: 'predicted' }),
      () => crossSectionImage(c, image, { epsMax: 0.1, resolution: 1, labelSource: 'predicted' }),
      () => predictImages(c, [{ ...image, data: new Float32Array(3) }]),
      // failures after tensors exist: a model that throws mid-call, a cancel mid-map
      () => attackImage(exploding, image, { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' }),
      () =>
        crossSectionImage(
          c,
          image,
          { epsMax: 0.1, resolution: 8, labelSource: 'predicted' },
          { shouldCancel: cancelOnSecondPoll(), chunkSize: 16 },
        ),
      async () => attackBatch(c, zeros, { mode: 'fgsm', eps: 0.1 }),
    ];
    let failed = 0;
    for (let i = 0; i < 20; i++) {
      const call = failures[i % failures.length] as () => Promise<unknown>;
      await call().catch((e: unknown) => {
        expect(e).toBeInstanceOf(EngineError);
        failed++;
      });
    }
    expect(failed).toBe(20);
    expect(tf.memory().numTensors).toBe(before);
    zeros.dispose();
  });
});

/** A classifier that fails on its second forward pass (after the clean prediction). */
let passes = 0;
const exploding: Classifier = {
  id: 'exploding',
  numClasses: 3,
  inputShape: SHAPE,
  logits(images) {
    passes++;
    if (passes % 2 === 0) throw new EngineError('internal', 'model blew up');
    return tf.tidy(() => tf.zeros([images.shape[0], 3]).add(images.mean()) as tf.Tensor2D);
  },
};

function cancelOnSecondPoll(): () => boolean {
  let polls = 0;
  return () => ++polls >= 2;
}
