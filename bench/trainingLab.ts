/**
 * The Training lab's speed in Node (issue 16): one lab run of a spec over real training images,
 * as the bare shared training step (the baseline) and as the lab runs it (held-out
 * errors on their schedule, progress with the weights read back 2.5 times a second, yields to
 * the event loop), and prints steps per second, the lab's overhead and its update rates.
 *   npx tsx bench/trainingLab.ts [--backend wasm|cpu|webgpu] [--architecture softmax|maxout]
 *     [--objective fgsm|none|...] [--epochs 1] [--units 128] [--pieces 3] [--batch 128]
 *     [--dataset mnist|fashion-mnist] [--seed 0] [--steps N (cut each run to N steps)]
 *     [--rounds 3 (bare and lab runs alternate; medians reported)]
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { LabRun } from '../src/engine/core/training/labRun';
import { gatherBatch, labSplit, type LabData } from '../src/engine/core/training/labData';
import {
  buildLabModel,
  evalInterval,
  labDropout,
  labManifest,
  labObjective,
} from '../src/engine/core/training/labSpec';
import { epochRng, shuffledOrder } from '../src/engine/core/training/schedule';
import { Trainer } from '../src/engine/core/training/trainStep';
import { classifierFromLayersModel } from '../src/engine/core/layersClassifier';
import { registerCustomLayers } from '../src/engine/layers/register';
import {
  DEFAULT_TRAINING_SPEC,
  LAB_OBJECTIVES,
  type LabObjective,
  type TrainingSpec,
} from '../src/engine/trainingTypes';
import { chooseBackend, parseBackend, releaseBackend } from '../scripts/lib/backend';
import { loadDataset } from '../scripts/lib/loadDataset';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    architecture: { type: 'string', default: 'softmax' },
    objective: { type: 'string', default: 'fgsm' },
    epochs: { type: 'string', default: '1' },
    units: { type: 'string', default: '128' },
    pieces: { type: 'string', default: '3' },
    batch: { type: 'string', default: '128' },
    dataset: { type: 'string', default: 'mnist' },
    seed: { type: 'string', default: '0' },
    steps: { type: 'string' },
    rounds: { type: 'string', default: '3' },
  },
});

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] ?? NaN)
    : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};

interface LabTiming {
  /** steps per second between the first and the last progress report while training */
  stepsPerSecond: number;
  reportsPerSecond: number;
  pointsPerSecond: number;
  totalMs: number;
  steps: number;
  final: { clean: number; fgsm: number; noise: number };
}

/**
 * A LabRun as the worker runs it (reports 2.5 times a second with the weights read back,
 * yields to the event loop), stopped after `limit` steps. Its pace is taken between its first
 * and last report while training, leaving out the whole-slice measurements at start and end.
 */
async function labSteps(spec: TrainingSpec, data: LabData, limit: number): Promise<LabTiming> {
  const run = new LabRun(spec, data);
  const reports: { t: number; step: number; points: number }[] = [];
  const start = performance.now();
  const result = await run.run({
    yieldNow: () => new Promise((r) => setImmediate(r)),
    onProgress: (p) => {
      if (p.stage === 'training')
        reports.push({ t: performance.now(), step: p.step, points: p.curve.length });
      if (p.step >= limit) run.stop();
    },
  });
  const totalMs = performance.now() - start;
  run.dispose();
  const first = reports[0];
  const lastReport = reports[reports.length - 1];
  const span = first && lastReport ? (lastReport.t - first.t) / 1000 : NaN;
  return {
    stepsPerSecond: first && lastReport ? (lastReport.step - first.step) / span : NaN,
    reportsPerSecond: (reports.length - 1) / span,
    pointsPerSecond: first && lastReport ? (lastReport.points - first.points) / span : NaN,
    totalMs,
    steps: result.steps,
    final: result.final,
  };
}

/** The bare loop: the same steps as LabRun, nothing measured or shown. */
function bareSteps(spec: TrainingSpec, data: LabData, limit: number): number {
  const [h, w, c] = data.imageShape;
  const manifest = labManifest('bench', spec, data.classNames, data.imageShape);
  const model = buildLabModel(spec, h * w * c, data.classNames.length);
  const trainer = new Trainer({
    model,
    classifier: classifierFromLayersModel(model, manifest),
    loss: 'softmax-ce',
    dropout: labDropout(spec),
    objective: labObjective(spec),
    learningRate: spec.learningRate,
  });
  const perEpoch = Math.ceil(data.train.count / spec.batchSize);
  let steps = 0;
  const start = performance.now();
  for (let epoch = 1; epoch <= spec.epochs && steps < limit; epoch++) {
    const rng = epochRng(spec.seed, epoch);
    const order = shuffledOrder(data.train.count, rng);
    for (let s = 0; s < perEpoch && steps < limit; s++) {
      const rows = order.subarray(s * spec.batchSize, (s + 1) * spec.batchSize);
      const out = trainer.step(gatherBatch(data.train, rows), rng);
      // LabRun reads the losses back at its points; here once per step (wasm: no cost)
      void out.loss.dataSync();
      tf.dispose([out.loss, out.correct]);
      steps++;
    }
  }
  const ms = performance.now() - start;
  trainer.dispose();
  model.dispose();
  return ms;
}

async function main(): Promise<void> {
  const objective = values.objective as LabObjective;
  if (!LAB_OBJECTIVES.includes(objective)) throw new Error(`--objective: one of ${LAB_OBJECTIVES}`);
  const spec: TrainingSpec = {
    ...DEFAULT_TRAINING_SPEC,
    dataset: values.dataset === 'fashion-mnist' ? 'fashion-mnist' : 'mnist',
    architecture: values.architecture === 'maxout' ? 'maxout' : 'softmax',
    objective,
    epochs: Number(values.epochs),
    units: Number(values.units),
    pieces: Number(values.pieces),
    batchSize: Number(values.batch),
    seed: Number(values.seed),
  };
  const backend = await chooseBackend(parseBackend(values.backend));
  registerCustomLayers();
  const data = labSplit(await loadDataset(spec.dataset, 'train'));
  const perEpoch = Math.ceil(data.train.count / spec.batchSize);
  const rounds = Math.max(1, Number(values.rounds));
  const limit = values.steps === undefined ? perEpoch * spec.epochs : Number(values.steps);
  const cut = { ...spec, epochs: Math.ceil(limit / perEpoch) };
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  out(
    `${backend.name}, ${spec.dataset} ${spec.architecture}` +
      (spec.architecture === 'maxout' ? ` 2x${spec.units}x${spec.pieces}` : '') +
      `, objective ${spec.objective} (eps ${spec.eps}, alpha ${spec.alpha}), batch ${spec.batchSize}, ` +
      `${limit} steps (${(limit / perEpoch).toFixed(2)} epochs of ${data.train.count} images); ` +
      `held-out measurement every ${evalInterval(spec)} steps`,
  );
  bareSteps(cut, data, Math.min(20, limit)); // warm-up: kernels compiled, buffers sized
  // alternate the two, so a change in the machine's load hits both alike
  const bare: number[] = [];
  const lab: LabTiming[] = [];
  for (let round = 0; round < rounds; round++) {
    bare.push((limit * 1000) / bareSteps(cut, data, limit));
    lab.push(await labSteps(cut, data, limit));
  }
  const bareRate = median(bare);
  const labRate = median(lab.map((l) => l.stepsPerSecond));
  const last = lab[lab.length - 1] as LabTiming;
  out(
    `bare training step: ${bareRate.toFixed(1)} steps/s (median of ${rounds}: ${bare.map((v) => v.toFixed(1)).join(', ')})`,
  );
  out(
    `lab, while training: ${labRate.toFixed(1)} steps/s (${lab.map((l) => l.stepsPerSecond.toFixed(1)).join(', ')}): ` +
      `${(100 * (bareRate / labRate - 1)).toFixed(1)}% more time per step than the bare step`,
  );
  out(
    `lab updates while training: ${median(lab.map((l) => l.reportsPerSecond)).toFixed(1)} progress reports/s ` +
      `(weights included), ${median(lab.map((l) => l.pointsPerSecond)).toFixed(1)} held-out points/s; ` +
      `whole run with the first and last whole-slice measurements: ${(last.totalMs / 1000).toFixed(2)} s ` +
      `for ${last.steps} steps`,
  );
  const epochSeconds = perEpoch / labRate;
  out(`one epoch (${perEpoch} steps) at the lab's pace: ${epochSeconds.toFixed(1)} s`);
  out(
    `final held-out errors (${data.heldOut.count} images): clean ${(100 * last.final.clean).toFixed(1)}%, ` +
      `FGSM ${(100 * last.final.fgsm).toFixed(1)}%, noise ${(100 * last.final.noise).toFixed(1)}%`,
  );
  releaseBackend();
}

main().catch((error: unknown) => {
  process.stderr.write(`trainingLab: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
