/**
 * A step cut into shares (one here, one on a peer at the weights the share carries) is the
 * one-way step up to floating-point summation order, for every x~ and with dropout; a seeded
 * two-way run repeats exactly; a peer that fails leaves its share to this engine.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierFromLayersModel } from '../layersClassifier';
import { Maxout } from '../../layers/maxout';
import type { ModelManifest } from '../../../models/manifest';
import { createRng } from '../../../shared/rng';
import type { TrainingPerturbation } from '../trainingObjective';
import { epochRng } from './schedule';
import { peerShareGradients, type StepModel } from './stepShare';
import { Trainer, sharedStepObstacle, type Batch, type TrainPeers } from './trainStep';
import { testManifest } from '../testFixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const manifest: ModelManifest = testManifest([4, 4, 1], 3, 'logits', { dataset: 'mnist' });

function tinyModel(seed: number): tf.Sequential {
  const model = tf.sequential();
  model.add(new Maxout({ units: 6, pieces: 2, seed, maxNorm: 1, inputShape: [16] }));
  model.add(new Maxout({ units: 5, pieces: 3, seed: seed + 1, maxNorm: 1 }));
  model.add(
    tf.layers.dense({ units: 3, kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
  );
  return model;
}

function stepModel(seed: number, kind: TrainingPerturbation | null): StepModel {
  const model = tinyModel(seed);
  return {
    model,
    classifier: classifierFromLayersModel(model, manifest),
    loss: 'softmax-ce',
    dropout: [0.2, 0.5, 0.3],
    objective: kind ? { alpha: 0.5, perturbation: { kind, eps: 0.2 } } : null,
  };
}

/** `count` random batches of 9 images (an odd size: the shares are 5 and 4 rows). */
function batches(count: number): Batch[] {
  const rng = createRng(7);
  return Array.from({ length: count }, () => {
    const labels = new Int32Array(9).map(() => Math.floor(rng.next() * 3));
    return { x: rng.fillUniform(new Float32Array(9 * 16)), labels };
  });
}

/** A peer engine in this process: its own copy of the network, fed the share's weights. */
function fakePeer(kind: TrainingPerturbation | null, fail = false): TrainPeers {
  const peer = stepModel(99, kind);
  const variables = peer.model.trainableWeights.map((v) => v.read() as tf.Variable);
  return {
    ways: 2,
    run: (share) =>
      fail ? Promise.reject(new Error('peer lost')) : peerShareGradients(peer, variables, share),
  };
}

interface RunResult {
  weights: Float32Array[];
  losses: number[];
  correct: number[];
}

async function train(kind: TrainingPerturbation | null, peers?: TrainPeers): Promise<RunResult> {
  const m = stepModel(3, kind);
  const trainer = new Trainer({ ...m, learningRate: 0.05 });
  const rng = epochRng(5, 1);
  const losses: number[] = [];
  const correct: number[] = [];
  for (const batch of batches(4)) {
    const out = peers ? await trainer.stepShared(batch, rng, peers) : trainer.step(batch, rng);
    losses.push((await out.loss.data())[0] ?? NaN);
    correct.push((await out.correct.data())[0] ?? NaN);
    tf.dispose([out.loss, out.correct]);
  }
  const weights = m.model.getWeights().map((w) => w.dataSync() as Float32Array);
  trainer.dispose();
  m.model.dispose();
  return { weights, losses, correct };
}

const KINDS = [null, 'fgsm', 'fgsm-random-start', 'pgd', 'random-sign', 'uniform'] as const;

describe('a step in shares', () => {
  it.each(KINDS)('equals the one-way step (x~ by %s)', async (kind) => {
    const one = await train(kind);
    const two = await train(kind, fakePeer(kind));
    expect(two.correct).toEqual(one.correct);
    two.losses.forEach((loss, i) => expect(loss).toBeCloseTo(one.losses[i] ?? NaN, 5));
    two.weights.forEach((w, k) => {
      const ref = one.weights[k] as Float32Array;
      let worst = 0;
      w.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (ref[i] ?? NaN)))));
      expect(worst).toBeLessThan(1e-5);
    });
    // the training moved the weights: the comparison is not between two untouched models
    const start = tinyModel(3);
    const moved = Math.abs(
      (start.getWeights()[0]?.dataSync()[0] ?? 0) - (one.weights[0]?.[0] ?? 0),
    );
    start.dispose();
    expect(moved).toBeGreaterThan(1e-3);
  });

  it('repeats exactly when seeded', async () => {
    const a = await train('uniform', fakePeer('uniform'));
    const b = await train('uniform', fakePeer('uniform'));
    expect(b).toEqual(a);
  });

  it("computes a failed peer's share here", async () => {
    const one = await train('fgsm');
    const failed = await train('fgsm', fakePeer('fgsm', true));
    failed.losses.forEach((loss, i) => expect(loss).toBeCloseTo(one.losses[i] ?? NaN, 5));
  });

  it('leaves no tensors behind', async () => {
    const m = stepModel(3, 'fgsm');
    const trainer = new Trainer({ ...m, learningRate: 0.05 });
    const peers = fakePeer('fgsm');
    const rng = epochRng(5, 1);
    const [first, second] = batches(2) as [Batch, Batch];
    tf.dispose(Object.values(await trainer.stepShared(first, rng, peers)));
    const before = tf.memory().numTensors;
    tf.dispose(Object.values(await trainer.stepShared(second, rng, peers)));
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
    m.model.dispose();
  });

  it('names the layer that stops a model from being trained in shares', () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 4, inputShape: [3] }));
    model.add(tf.layers.batchNormalization({ name: 'bn1' }));
    expect(sharedStepObstacle(model)).toMatch(/bn1 \(BatchNormalization\)/);
    expect(sharedStepObstacle(tinyModel(1))).toBeNull();
    model.dispose();
  });
});
