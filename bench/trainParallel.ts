/**
 * Training on both cores (issues 15 and 16): seconds per epoch of the shared training step with
 * one worker (this thread) and with N (the batch cut into shares, N - 1 computed by worker
 * threads, scripts/lib/trainPeers.ts), timed back to back in alternating rounds so a change in
 * the machine's load hits both alike; an epoch is extrapolated from --steps steps.
 *   npx tsx bench/trainParallel.ts [--workloads mnist-maxout,lab-maxout-fgsm,lab-softmax-fgsm]
 *     [--backend wasm] [--workers 2] [--steps 40] [--rounds 2]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { classifierFromLayersModel } from '../src/engine/core/layersClassifier';
import { gatherBatch, labSplit } from '../src/engine/core/training/labData';
import {
  buildLabModel,
  labDropout,
  labManifest,
  labObjective,
} from '../src/engine/core/training/labSpec';
import { epochRng, shuffledOrder } from '../src/engine/core/training/schedule';
import { Trainer, type Batch, type TrainerOptions } from '../src/engine/core/training/trainStep';
import { registerCustomLayers } from '../src/engine/layers/register';
import { DEFAULT_TRAINING_SPEC, type TrainingSpec } from '../src/engine/trainingTypes';
import { findRecipe } from '../scripts/lib/architectures';
import {
  chooseBackend,
  parseBackend,
  releaseBackend,
  type NodeBackend,
} from '../scripts/lib/backend';
import { loadDataset } from '../scripts/lib/loadDataset';
import { recipeObjective } from '../scripts/lib/trainLoop';
import type { PeerNetwork } from '../scripts/lib/trainPeerProtocol';
import { NodeTrainPeers } from '../scripts/lib/trainPeers';
import { gatherRows, trainValidationSplit } from '../scripts/lib/trainingData';
import { baseManifest } from '../scripts/lib/zooIndex';

const { values } = parseArgs({
  options: {
    workloads: { type: 'string', default: 'mnist-maxout,lab-maxout-fgsm,lab-softmax-fgsm' },
    backend: { type: 'string', default: 'wasm' },
    workers: { type: 'string', default: '2' },
    steps: { type: 'string', default: '40' },
    rounds: { type: 'string', default: '2' },
  },
});

/** A training setup: the trainer's options, the peers' network, and its batches. */
interface Workload {
  title: string;
  options: TrainerOptions;
  network: PeerNetwork;
  batchSize: number;
  trainCount: number;
  batch: (rows: Int32Array) => Batch;
}

async function recipeWorkload(id: string): Promise<Workload> {
  const recipe = findRecipe(id);
  const dataset = await loadDataset(recipe.dataset, 'train');
  const { train } = trainValidationSplit(dataset, recipe.classFilter, recipe.holdOut);
  const manifest = baseManifest(recipe, dataset.classNames);
  const model = recipe.build(recipe.seed, train.dim, manifest.classNames.length);
  const objective = recipeObjective(recipe);
  return {
    title: `${id} (npm run train's recipe: ${recipe.architecture.split(';')[0]}, batch ${recipe.batchSize}, ${objective ? objective.perturbation.kind : 'plain'})`,
    options: {
      model,
      classifier: classifierFromLayersModel(model, manifest),
      loss: recipe.loss,
      dropout: recipe.dropout,
      objective,
      learningRate: recipe.learningRate,
    },
    network: {
      kind: 'recipe',
      recipeId: id,
      inputDim: train.dim,
      classNames: dataset.classNames,
      objective,
    },
    batchSize: recipe.batchSize,
    trainCount: train.count,
    batch: (rows) => gatherRows(train, rows),
  };
}

async function labWorkload(spec: TrainingSpec): Promise<Workload> {
  const data = labSplit(await loadDataset(spec.dataset, 'train'));
  const [h, w, c] = data.imageShape;
  const model = buildLabModel(spec, h * w * c, data.classNames.length);
  const manifest = labManifest('bench', spec, data.classNames, data.imageShape);
  const shape = spec.architecture === 'maxout' ? ` 2x${spec.units}x${spec.pieces}` : '';
  return {
    title: `Training lab ${spec.architecture}${shape}, ${spec.objective} (eps ${spec.eps}, alpha ${spec.alpha}), batch ${spec.batchSize}`,
    options: {
      model,
      classifier: classifierFromLayersModel(model, manifest),
      loss: 'softmax-ce',
      dropout: labDropout(spec),
      objective: labObjective(spec),
      learningRate: spec.learningRate,
    },
    network: {
      kind: 'lab',
      spec,
      classNames: data.classNames,
      imageShape: data.imageShape,
    },
    batchSize: spec.batchSize,
    trainCount: data.train.count,
    batch: (rows) => gatherBatch(data.train, rows),
  };
}

function workload(name: string): Promise<Workload> {
  if (name === 'lab-maxout-fgsm') {
    return labWorkload({ ...DEFAULT_TRAINING_SPEC, architecture: 'maxout', units: 128, pieces: 3 });
  }
  if (name === 'lab-softmax-fgsm') return labWorkload(DEFAULT_TRAINING_SPEC);
  return recipeWorkload(name);
}

interface Timing {
  /** wall-clock milliseconds */
  wall: number;
  /** CPU milliseconds of the whole process (this thread and the peers' threads) */
  cpu: number;
}

/** Wall and CPU time of `steps` steps, with peers (data-parallel) or without. */
async function timeSteps(
  trainer: Trainer,
  w: Workload,
  steps: number,
  peers: NodeTrainPeers | undefined,
): Promise<Timing> {
  const rng = epochRng(1, 1);
  const order = shuffledOrder(w.trainCount, rng);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let s = 0; s < steps; s++) {
    const rows = order.subarray(s * w.batchSize, (s + 1) * w.batchSize);
    const batch = w.batch(rows);
    const out = peers ? await trainer.stepShared(batch, rng, peers) : trainer.step(batch, rng);
    // the loop reads each step's loss back, as npm run train does
    await out.loss.data();
    tf.dispose([out.loss, out.correct]);
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] ?? NaN)
    : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};

const load = (): string =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(', ');

async function main(): Promise<void> {
  const backend = await chooseBackend(parseBackend(values.backend));
  registerCustomLayers();
  const workers = Number(values.workers);
  const steps = Number(values.steps);
  const rounds = Math.max(1, Number(values.rounds));
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  out(`${backend.name}; 1 vs ${workers} workers, ${steps} steps per timing, ${rounds} rounds each`);
  out(`load average at start: ${load()}`);
  for (const name of (values.workloads ?? '').split(',').filter(Boolean)) {
    const w = await workload(name);
    const trainer = new Trainer(w.options);
    const peers = await NodeTrainPeers.start(workers - 1, {
      backend: backend.name as NodeBackend,
      network: w.network,
    });
    try {
      // warm-up: kernels compiled and buffers sized, here and on the peers
      await timeSteps(trainer, w, 3, undefined);
      await timeSteps(trainer, w, 3, peers);
      const one: Timing[] = [];
      const many: Timing[] = [];
      for (let round = 0; round < rounds; round++) {
        one.push(await timeSteps(trainer, w, steps, undefined));
        many.push(await timeSteps(trainer, w, steps, peers));
      }
      const perEpoch = Math.ceil(w.trainCount / w.batchSize);
      const wall = (ts: Timing[]): number => median(ts.map((t) => t.wall)) / steps;
      const cpu = (ts: Timing[]): number => median(ts.map((t) => t.cpu)) / steps;
      const line = (ts: Timing[]): string =>
        `${((wall(ts) * perEpoch) / 1000).toFixed(1)} s/epoch (${wall(ts).toFixed(1)} ms/step; ` +
        `CPU ${cpu(ts).toFixed(1)} ms/step, all threads)`;
      out(`\n${w.title}; ${perEpoch} steps per epoch of ${w.trainCount} images`);
      out(`  1 worker:  ${line(one)}`);
      out(`  ${workers} workers: ${line(many)}`);
      out(
        `  speed-up: x${(wall(one) / wall(many)).toFixed(2)}; CPU per step x${(cpu(many) / cpu(one)).toFixed(2)} ` +
          `(on ${workers} idle cores at most x${((workers * cpu(one)) / cpu(many)).toFixed(2)}); ` +
          `load average now: ${load()}`,
      );
    } finally {
      await peers.close();
      trainer.dispose();
      w.options.model.dispose();
    }
  }
  releaseBackend();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `trainParallel: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
