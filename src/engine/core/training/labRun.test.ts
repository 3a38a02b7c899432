import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/rng';
import { DEFAULT_TRAINING_SPEC, type TrainingSpec } from '../../trainingTypes';
import type { LabData } from './labData';
import { LabRun } from './labRun';
import { classifierFromLayersModel } from '../layersClassifier';
import {
  buildLabModel,
  evalInterval,
  heldOutChunk,
  labDropout,
  labManifest,
  labObjective,
  lossInterval,
} from './labSpec';
import { peerShareGradients, type StepModel } from './stepShare';
import type { TrainPeers } from './trainStep';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 4x4 grey images of two classes: class 1 is brighter on the left half. */
function blobs(count: number, seed: number) {
  const rng = createRng(seed);
  const pixels = new Uint8Array(count * 16);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 2;
    for (let j = 0; j < 16; j++) {
      const bright = j % 4 < 2 && labels[i] === 1 ? 150 : 25;
      pixels[i * 16 + j] = Math.min(255, Math.round(bright + 80 * rng.next()));
    }
  }
  return { pixels, labels, count, dim: 16 };
}

const DATA: LabData = {
  train: blobs(640, 1),
  heldOut: blobs(250, 2),
  classNames: ['a', 'b'],
  imageShape: [4, 4, 1],
};

const SPEC: TrainingSpec = {
  ...DEFAULT_TRAINING_SPEC,
  architecture: 'maxout',
  units: 4,
  pieces: 2,
  batchSize: 32,
  epochs: 2,
  learningRate: 0.02,
  eps: 0.1,
  dropout: 0.2,
  inputDropout: 0.1,
  seed: 3,
};

/** A peer engine in this process: its own copy of the spec's network, fed each share's weights. */
function inProcessPeer(spec: TrainingSpec): TrainPeers {
  const model = buildLabModel(spec, 16, 2);
  const m: StepModel = {
    model,
    classifier: classifierFromLayersModel(model, labManifest('peer', spec, ['a', 'b'], [4, 4, 1])),
    loss: 'softmax-ce',
    dropout: labDropout(spec),
    objective: labObjective(spec),
  };
  const variables = model.trainableWeights.map((v) => v.read() as tf.Variable);
  return { ways: 2, run: (share) => peerShareGradients(m, variables, share) };
}

async function train(
  spec: TrainingSpec,
  control?: (run: LabRun, step: number) => void,
  peers?: TrainPeers,
) {
  const run = new LabRun(spec, DATA);
  try {
    const result = await run.run({
      progressMs: 0,
      onProgress: (p) => control?.(run, p.step),
      ...(peers ? { peers } : {}),
    });
    const weights = await Promise.all(run.model.getWeights().map((w) => w.data()));
    return { result, weights: weights.map((w) => Array.from(w)) };
  } finally {
    run.dispose();
  }
}

describe('LabRun', () => {
  it('learns, measures the held-out slice on a fixed schedule and ends with the whole slice', async () => {
    const { result } = await train(SPEC);
    const stepsPerEpoch = Math.ceil(640 / 32);
    expect(result.stoppedBy).toBe('finished');
    expect(result.steps).toBe(2 * stepsPerEpoch);
    const every = evalInterval(SPEC);
    const steps = result.curve.map((p) => p.step);
    // step 0, every `every` steps, and the last step
    const expected = [0];
    for (let s = every; s <= result.steps; s += every) expected.push(s);
    if (expected[expected.length - 1] !== result.steps) expected.push(result.steps);
    expect(steps).toEqual(expected);
    // loss points at every lossInterval steps and at the end, each the mean since the last
    const lossEvery = lossInterval(SPEC);
    const lossSteps = result.losses.map((p) => p.step);
    expect(lossSteps[0]).toBe(lossEvery);
    expect(lossSteps[lossSteps.length - 1]).toBe(result.steps);
    expect(result.losses.every((p) => p.loss > 0)).toBe(true);
    expect(result.curve[0]?.clean).toBeGreaterThan(0.2);
    expect(result.final.clean).toBeLessThan(0.1);
    expect(result.curve[result.curve.length - 1]).toMatchObject(result.final);
    expect(result.weights).toMatchObject({ kind: 'maxout', units: 4, pieces: 2 });
  });

  it('gives the same curves and weights for the same spec, others for another seed', async () => {
    const a = await train(SPEC);
    const b = await train(SPEC);
    const c = await train({ ...SPEC, seed: 4 });
    expect(b.result.curve).toEqual(a.result.curve);
    expect(b.result.losses).toEqual(a.result.losses);
    expect(b.weights).toEqual(a.weights);
    expect(c.weights).not.toEqual(a.weights);
  });

  it('paused and resumed, it ends exactly where the uninterrupted run ends', async () => {
    const whole = await train(SPEC);
    let paused = 0;
    const interrupted = await train(SPEC, (run, step) => {
      if (step === 7 && paused === 0) {
        paused++;
        run.pause();
        setTimeout(() => run.resume(), 150);
      }
    });
    expect(paused).toBe(1);
    expect(interrupted.result.curve).toEqual(whole.result.curve);
    expect(interrupted.result.losses).toEqual(whole.result.losses);
    expect(interrupted.weights).toEqual(whole.weights);
  });

  it('reports "paused" while paused and leaves the pause out of the elapsed time', async () => {
    // a clock that moves 1 ms per reading, and 10 s while the run is paused
    let clock = 0;
    const stages: string[] = [];
    const run = new LabRun({ ...SPEC, epochs: 1 }, DATA);
    const result = await run.run({
      now: () => clock++,
      progressMs: 0,
      onProgress: (p) => {
        stages.push(p.stage);
        if (p.step === 5 && !stages.includes('paused')) {
          run.pause();
          setTimeout(() => {
            clock += 10_000;
            run.resume();
          }, 50);
        }
      },
    });
    run.dispose();
    expect(stages).toContain('paused');
    expect(result.elapsedMs).toBeGreaterThan(0);
    expect(result.elapsedMs).toBeLessThan(10_000);
  });

  it('stops early with what it has: stoppedBy "stopped", a last point at the stopping step', async () => {
    const { result } = await train(SPEC, (run, step) => {
      if (step >= 9) run.stop();
    });
    expect(result.stoppedBy).toBe('stopped');
    expect(result.steps).toBeGreaterThanOrEqual(9);
    expect(result.steps).toBeLessThan(40);
    expect(result.curve[result.curve.length - 1]?.step).toBe(result.steps);
  });

  it('a cancelled run rejects "cancelled" and, disposed, leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const run = new LabRun(SPEC, DATA);
    const done = run.run({
      progressMs: 0,
      onProgress: (p) => {
        if (p.step === 4) run.pause();
        if (p.stage === 'paused') run.cancel();
      },
    });
    await expect(done).rejects.toMatchObject({ code: 'cancelled' });
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a finished run holds only its model weights and held-out inputs, and nothing once disposed', async () => {
    const before = tf.memory().numTensors;
    const spec: TrainingSpec = { ...SPEC, objective: 'uniform', epochs: 1 };
    const run = new LabRun(spec, DATA);
    await run.run();
    // the model's variables and Adam's two moments of each, plus its two running powers
    const own = run.model.getWeights().length;
    // each held-out chunk's images, labels and noisy images, kept for the next measurement
    const chunks = Math.ceil(DATA.heldOut.count / heldOutChunk(spec));
    expect(tf.memory().numTensors - before).toBe(3 * own + 2 + 3 * chunks);
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains softmax regression with every objective', async () => {
    for (const objective of ['none', 'fgsm', 'fgsm-random-start', 'random-sign'] as const) {
      const { result } = await train({ ...SPEC, architecture: 'softmax', objective, epochs: 1 });
      expect(result.final.clean).toBeLessThan(0.2);
      expect(result.weights).toMatchObject({ kind: 'dense', units: 2, pieces: 1 });
    }
  });

  it('trains in shares with a peer engine: the curves of its seeded rerun, and of the one-way run up to rounding', async () => {
    const spec = { ...SPEC, epochs: 1 };
    const one = await train(spec);
    const two = await train(spec, undefined, inProcessPeer(spec));
    const again = await train(spec, undefined, inProcessPeer(spec));
    expect(again.result.curve).toEqual(two.result.curve);
    expect(again.result.losses).toEqual(two.result.losses);
    expect(again.weights).toEqual(two.weights);
    expect(two.result.curve.map((p) => p.step)).toEqual(one.result.curve.map((p) => p.step));
    two.result.losses.forEach((p, i) =>
      expect(p.loss).toBeCloseTo(one.result.losses[i]?.loss ?? NaN, 4),
    );
    two.weights.forEach((w, k) =>
      w.forEach((v, i) => expect(v).toBeCloseTo(one.weights[k]?.[i] ?? NaN, 4)),
    );
  });
});
