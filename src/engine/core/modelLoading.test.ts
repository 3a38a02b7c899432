import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Maxout, RBF, registerCustomLayers } from '../layers/register';
import { loadLayersModel } from './modelLoading';
import { useCpuBackend } from './testFixtures';

/** A model with constrained weights (max-norm, non-negativity) saved to memory. */
async function savedArtifacts(): Promise<tf.io.ModelArtifacts> {
  const model = tf.sequential({
    layers: [
      new Maxout({ inputShape: [12], units: 4, pieces: 3, seed: 3, maxNorm: 0.5 }),
      new RBF({ units: 3, seed: 5 }),
    ],
  });
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  if (saved === null) throw new Error('nothing saved');
  return saved;
}

beforeAll(async () => {
  await useCpuBackend();
  registerCustomLayers();
});

describe('loadLayersModel', () => {
  it('gives the weights tf.loadLayersModel gives, and disposing the model frees them all', async () => {
    const artifacts = await savedArtifacts();
    const reference = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    const before = tf.memory();
    const model = await loadLayersModel(tf.io.fromMemory(artifacts));
    expect(tf.memory().numTensors - before.numTensors).toBe(model.weights.length);
    const ours = model.getWeights().map((w) => Array.from(w.dataSync()));
    const theirs = reference.getWeights().map((w) => Array.from(w.dataSync()));
    expect(ours).toEqual(theirs);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    reference.dispose();
  });

  it('frees the model and the decoded weights when the weights do not fit', async () => {
    const artifacts = await savedArtifacts();
    const specs = (artifacts.weightSpecs ?? []).map((s) => ({ ...s, name: `x/${s.name}` }));
    const before = tf.memory().numTensors;
    await expect(
      loadLayersModel(tf.io.fromMemory({ ...artifacts, weightSpecs: specs })),
    ).rejects.toThrow(/no target variable/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
