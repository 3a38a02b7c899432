import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttackParams, CrossSectionParams, ImageData01, SweepParams } from '../api';
import { attackBatch } from './attack';
import { attackImage } from './attackImage';
import type { Classifier } from './classifier';
import { crossSectionImage } from './crossSection';
import { EngineError, toEngineErrorData } from './errors';
import { classifierFromLayersModel } from './layersClassifier';
import { predictImages } from './predict';
import { sweepImage } from './sweep';
import { mlpModel, seededImage, testManifest, useCpuBackend } from './testFixtures';

const SHAPE: [number, number, number] = [4, 4, 1];
const good = seededImage(SHAPE, 71);
let c: Classifier;

beforeAll(async () => {
  await useCpuBackend();
  c = classifierFromLayersModel(mlpModel(16, 8, 3, 1), testManifest(SHAPE, 3));
});

const withPixel = (i: number, v: number): ImageData01 => {
  const data = good.data.slice();
  data[i] = v;
  return { ...good, data };
};

async function expectInvalid(call: () => Promise<unknown>, messagePart: string): Promise<void> {
  const error: unknown = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  expect((error as EngineError).code).toBe('invalid-argument');
  expect((error as EngineError).message).toContain(messagePart);
}

const attack: AttackParams = { mode: 'fgsm', eps: 0.1, labelSource: 'true', trueLabel: 1 };
const sweep: SweepParams = { epsMax: 0.1, labelSource: 'predicted' };
const section: CrossSectionParams = { epsMax: 0.1, labelSource: 'predicted', resolution: 4 };

describe('bad arguments are EngineError invalid-argument with a clear message', () => {
  it('images: shape, array type, NaN, out of [0, 1]', async () => {
    await expectInvalid(
      () => attackImage(c, { ...good, height: 2, width: 8 }, attack),
      'model wants 4x4x1',
    );
    await expectInvalid(
      () => attackImage(c, { ...good, data: new Float32Array(15) }, attack),
      '15 values',
    );
    const f64 = { ...good, data: Float64Array.from(good.data) } as unknown as ImageData01;
    await expectInvalid(() => attackImage(c, f64, attack), 'Float32Array');
    await expectInvalid(
      () => attackImage(c, withPixel(3, Number.NaN), attack),
      'image.data[3] = NaN',
    );
    await expectInvalid(() => sweepImage(c, withPixel(0, 1.5), sweep), 'within [0, 1]');
    await expectInvalid(() => crossSectionImage(c, withPixel(5, -0.1), section), 'within [0, 1]');
    await expectInvalid(() => predictImages(c, [good, withPixel(0, Infinity)]), 'Infinity');
    // within the tolerance is fine
    await expect(attackImage(c, withPixel(0, 1 + 1e-7), attack)).resolves.toBeDefined();
  });

  it('eps, steps, step size, clip, seed, mode', async () => {
    for (const eps of [-0.1, 1.5, Number.NaN, Infinity]) {
      await expectInvalid(() => attackImage(c, good, { ...attack, eps }), 'eps must be');
    }
    await expectInvalid(() => sweepImage(c, good, { ...sweep, epsMax: -1 }), 'epsMax');
    await expectInvalid(() => attackImage(c, good, { ...attack, mode: 'pgd', steps: 0 }), 'steps');
    await expectInvalid(
      () => attackImage(c, good, { ...attack, mode: 'pgd', steps: 1001 }),
      'steps',
    );
    await expectInvalid(
      () => attackImage(c, good, { ...attack, mode: 'pgd', steps: 2.5 }),
      'steps',
    );
    await expectInvalid(() => attackImage(c, good, { ...attack, stepSize: 0 }), 'stepSize');
    await expectInvalid(() => attackImage(c, good, { ...attack, clip: [1, 0] }), 'lo < hi');
    await expectInvalid(() => sweepImage(c, good, { ...sweep, clip: [0, Number.NaN] }), 'clip');
    await expectInvalid(() => attackImage(c, good, { ...attack, seed: Number.NaN }), 'seed');
    const badMode = { ...attack, mode: 'deepfool' } as unknown as AttackParams;
    await expectInvalid(() => attackImage(c, good, badMode), 'mode must be one of');
  });

  it('class indices and label sources', async () => {
    await expectInvalid(() => attackImage(c, good, { ...attack, trueLabel: 3 }), 'trueLabel');
    await expectInvalid(() => attackImage(c, good, { ...attack, trueLabel: 1.5 }), 'trueLabel');
    await expectInvalid(
      () => attackImage(c, good, { ...attack, trueLabel: undefined }),
      'needs trueLabel',
    );
    await expectInvalid(
      () => attackImage(c, good, { ...attack, mode: 'targeted', targetClass: -1 }),
      'targetClass',
    );
    await expectInvalid(
      () => attackImage(c, good, { ...attack, mode: 'targeted' }),
      'needs targetClass',
    );
    const badSource = { ...sweep, labelSource: 'oracle' } as unknown as SweepParams;
    await expectInvalid(() => sweepImage(c, good, badSource), 'labelSource');
  });

  it('grid sizes', async () => {
    for (const points of [1, 2002, 10.5]) {
      await expectInvalid(() => sweepImage(c, good, { ...sweep, points }), 'points');
    }
    for (const resolution of [1, 257, 3.5]) {
      await expectInvalid(
        () => crossSectionImage(c, good, { ...section, resolution }),
        'resolution',
      );
    }
    await expectInvalid(() => crossSectionImage(c, good, section, { chunkSize: 0 }), 'chunkSize');
  });

  it('attackBatch checks labels and targets', () => {
    const x = tf.zeros([2, ...SHAPE]) as tf.Tensor4D;
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof EngineError ? e.code : 'other';
      }
      return 'no error';
    };
    expect(code(() => attackBatch(c, x, { mode: 'fgsm', eps: 0.1 }))).toBe('invalid-argument');
    expect(
      code(() => attackBatch(c, x, { mode: 'fgsm', eps: 0.1, labels: Int32Array.of(0) })),
    ).toBe('invalid-argument');
    expect(code(() => attackBatch(c, x, { mode: 'targeted', eps: 0.1, target: 7 }))).toBe(
      'invalid-argument',
    );
    expect(
      code(() => attackBatch(c, x, { mode: 'pgd', eps: 0.1, labels: Int32Array.of(0, 5) })),
    ).toBe('invalid-argument');
    x.dispose();
  });
});

describe('toEngineErrorData', () => {
  it('keeps engine codes and turns anything else into internal', () => {
    expect(toEngineErrorData(new EngineError('cancelled', 'stop'))).toEqual({
      code: 'cancelled',
      message: 'stop',
    });
    expect(toEngineErrorData({ code: 'model-not-loaded', message: 'm' })).toEqual({
      code: 'model-not-loaded',
      message: 'm',
    });
    expect(toEngineErrorData(new TypeError('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(toEngineErrorData('plain')).toEqual({ code: 'internal', message: 'plain' });
    const back = EngineError.fromData({ code: 'invalid-argument', message: 'x' });
    expect(back).toBeInstanceOf(EngineError);
    expect(back.code).toBe('invalid-argument');
  });
});
