import { beforeAll, describe, expect, it } from 'vitest';
import type { Classifier } from './classifier';
import { classifierFromLayersModel } from './layersClassifier';
import { measureMapCost } from './mapCost';
import * as tf from '@tensorflow/tfjs';
import { mlpModel, testManifest, useCpuBackend } from './testFixtures';

const SHAPE: [number, number, number] = [8, 8, 1];
let mlp: Classifier;

beforeAll(async () => {
  await useCpuBackend();
  mlp = classifierFromLayersModel(mlpModel(64, 32, 10, 3), testManifest(SHAPE, 10));
});

describe('measureMapCost', () => {
  it('times a cell and the directions once per model, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const cost = await measureMapCost(mlp);
    expect(cost.cellMs).toBeGreaterThan(0);
    expect(cost.directionMs).toBeGreaterThan(0);
    expect(Number.isFinite(cost.cellMs + cost.directionMs)).toBe(true);
    expect(await measureMapCost(mlp)).toBe(cost);
    expect(tf.memory().numTensors).toBe(before);
  });
});
