import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CrossSectionPartial, Progress } from '../api';
import type { Classifier } from './classifier';
import { crossSectionImage } from './crossSection';
import { testSetAttack } from './experiments/testSetAttack';
import { classifierFromLayersModel } from './layersClassifier';
import {
  batchLimit,
  DEFAULT_BATCH_BUDGET_BYTES,
  footprintOf,
  measureFootprint,
  measureGradientFootprint,
  setBatchBudget,
} from './memoryBudget';
import { predictImages } from './predict';
import { sweepImage } from './sweep';
import { mlpModel, seededImage, testManifest, useCpuBackend } from './testFixtures';

// A tiny budget makes a tiny MLP behave like an ImageNet model on wasm: many small batches.
const SHAPE: [number, number, number] = [6, 6, 1];
let c: Classifier;
let fresh: Classifier;

beforeAll(async () => {
  await useCpuBackend();
  c = classifierFromLayersModel(mlpModel(36, 40, 3, 4), testManifest(SHAPE, 3));
  fresh = classifierFromLayersModel(mlpModel(36, 40, 3, 4), testManifest(SHAPE, 3));
  await measureFootprint(c);
});

afterEach(() => setBatchBudget(DEFAULT_BATCH_BUDGET_BYTES));

describe('measureFootprint', () => {
  it('counts the pixels and the activations of one more image, forward and gradient', async () => {
    await measureFootprint(c);
    await measureGradientFootprint(c);
    const f = footprintOf(c) ?? { forwardBytesPerImage: 0 };
    // at least the input (36 floats) and the hidden layer (40 floats)
    expect(f.forwardBytesPerImage).toBeGreaterThanOrEqual(4 * (36 + 40));
    expect(f.gradientBytesPerImage).toBeGreaterThanOrEqual(f.forwardBytesPerImage);
    // the gradient's footprint is measured when first needed, not at load
    expect(footprintOf(fresh)).toBeUndefined();
    // and not the weights: they do not grow with the batch
    expect(f.forwardBytesPerImage).toBeLessThan(4 * 36 * 40);
  });
});

describe('batchLimit', () => {
  it('fits the budget, at least one image, at most what was asked', () => {
    setBatchBudget(4 * 1024 * 1024);
    expect(batchLimit(c, 'forward', 10)).toBe(10);
    setBatchBudget(1);
    expect(batchLimit(c, 'forward', 10)).toBe(1);
    setBatchBudget(3 * (4 * (36 + 40)));
    expect(batchLimit(c, 'forward', 1000)).toBeLessThanOrEqual(3);
  });

  it('leaves an unmeasured model alone', () => {
    setBatchBudget(1);
    expect(batchLimit(fresh, 'forward', 77)).toBe(77);
  });
});

describe('every batching op under a tiny budget', () => {
  const image = seededImage(SHAPE, 3);
  const params = {
    epsMax: 0.3,
    resolution: 16,
    labelSource: 'predicted' as const,
    clip: [0, 1] as [number, number],
  };

  it('splits a cross-section into chunks of a few rows and gets the same map', async () => {
    const whole = await crossSectionImage(c, image, params);
    // 32 cells' worth of the measured footprint
    setBatchBudget(32 * (await measureFootprint(c)).forwardBytesPerImage);
    const events: Progress[] = [];
    const small = await crossSectionImage(c, image, params, { onProgress: (p) => events.push(p) });
    expect(Array.from(small.predictedClass)).toEqual(Array.from(whole.predictedClass));
    // 16x16 at 2 rows (32 cells) per chunk: 8 chunks after the coarse level
    const rows = events
      .map((e) => e.partial as CrossSectionPartial)
      .filter((p) => p.resolution === 16)
      .map((p) => p.rowsDone);
    expect(rows).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
  });

  it('gives the same sweep and predictions in batches of one', async () => {
    const sweepParams = {
      epsMax: 0.3,
      points: 21,
      labelSource: 'predicted' as const,
      clip: [0, 1] as [number, number],
    };
    const whole = await sweepImage(c, image, sweepParams);
    const images = [image, seededImage(SHAPE, 4), seededImage(SHAPE, 5)];
    const predictions = await predictImages(c, images);
    setBatchBudget(1);
    const small = await sweepImage(c, image, sweepParams);
    expect(Array.from(small.logits)).toEqual(Array.from(whole.logits));
    expect((await predictImages(c, images)).map((p) => p.predictedClass)).toEqual(
      predictions.map((p) => p.predictedClass),
    );
  });

  it('caps experiment chunks by the gradient footprint', async () => {
    const count = 12;
    const data = new Float32Array(count * 36);
    for (let i = 0; i < data.length; i++) data[i] = ((i * 7919) % 97) / 97;
    const images = { data, labels: new Int32Array(count), count, shape: SHAPE };
    const attack = { mode: 'fgsm' as const };
    const whole = await testSetAttack([c], attack, [0.2], images, 0, { chunkSize: 12 });
    await measureGradientFootprint(c);
    setBatchBudget(5 * (footprintOf(c)?.gradientBytesPerImage ?? 0));
    const dones: number[] = [];
    const small = await testSetAttack([c], attack, [0.2], images, 0, {
      chunkSize: 12,
      onProgress: (p) => dones.push(p.done),
    });
    expect(small.rows).toEqual(whole.rows);
    // chunks of 5, 5 and 2 images
    expect(dones.length).toBe(3);
  });
});
