/**
 * One Training lab run in Node: the same LabRun the browser's worker runs, on the same training
 * images, so a seeded run here and in the Train view give the same curves and weights on the
 * same backend (e2e/training-lab.spec.ts compares them).
 *   npx tsx scripts/train-lab.ts [--backend wasm] [--dataset mnist] [--architecture softmax]
 *     [--objective fgsm] [--alpha 0.5] [--eps 0.25] [--lr 0.01] [--batch 128] [--epochs 1]
 *     [--seed 0] [--units 128] [--pieces 3] [--dropout 0.5] [--input-dropout 0.2] [--images N]
 *     [--json] [--out <folder>]
 * --json prints the result (curves, losses, final errors, first-layer weights) as JSON on stdout;
 * --out writes the trained model there as TF.js files (model.json + weights.bin).
 * --workers N cuts every batch into N shares, N - 1 computed by worker threads (the same draws:
 * the same run up to summation order; README "Training: both cores"); by default as the browser's
 * engine cuts it: two for maxout on wasm or cpu, one otherwise.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WEIGHTS_FILE } from '../src/engine/core/training/modelFiles';
import { labSplit } from '../src/engine/core/training/labData';
import { LabRun } from '../src/engine/core/training/labRun';
import { labWays } from '../src/engine/core/training/labShares';
import { checkTrainingSpec, labTitle } from '../src/engine/core/training/labSpec';
import { registerCustomLayers } from '../src/engine/layers/register';
import { DEFAULT_TRAINING_SPEC, type TrainingSpec } from '../src/engine/trainingTypes';
import { chooseBackend, parseBackend, releaseBackend } from './lib/backend';
import { loadDataset } from './lib/loadDataset';
import { formatSeconds } from './lib/progressBar';
import { NodeTrainPeers } from './lib/trainPeers';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    dataset: { type: 'string' },
    architecture: { type: 'string' },
    objective: { type: 'string' },
    alpha: { type: 'string' },
    eps: { type: 'string' },
    lr: { type: 'string' },
    batch: { type: 'string' },
    epochs: { type: 'string' },
    seed: { type: 'string' },
    units: { type: 'string' },
    pieces: { type: 'string' },
    dropout: { type: 'string' },
    'input-dropout': { type: 'string' },
    images: { type: 'string' },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    workers: { type: 'string' },
  },
});

function specFromArgs(): TrainingSpec {
  const d = DEFAULT_TRAINING_SPEC;
  const num = (v: string | undefined, fallback: number): number =>
    v === undefined ? fallback : Number(v);
  return checkTrainingSpec({
    dataset: values.dataset ?? d.dataset,
    architecture: values.architecture ?? d.architecture,
    objective: values.objective ?? d.objective,
    alpha: num(values.alpha, d.alpha),
    eps: num(values.eps, d.eps),
    learningRate: num(values.lr, d.learningRate),
    batchSize: num(values.batch, d.batchSize),
    epochs: num(values.epochs, d.epochs),
    seed: num(values.seed, d.seed),
    units: num(values.units, d.units),
    pieces: num(values.pieces, d.pieces),
    dropout: num(values.dropout, d.dropout),
    inputDropout: num(values['input-dropout'], d.inputDropout),
    ...(values.images === undefined ? {} : { trainImages: Number(values.images) }),
  });
}

async function main(): Promise<void> {
  const spec = specFromArgs();
  const backend = await chooseBackend(parseBackend(values.backend));
  registerCustomLayers();
  const data = labSplit(await loadDataset(spec.dataset, 'train'));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const images = Math.min(spec.trainImages ?? Infinity, data.train.count);
  log(`${labTitle(spec)} on ${backend.name}: ${images} training images`);
  // by default cut as the worker cuts it (a maxout run on a CPU backend: two shares)
  const workers =
    values.workers === undefined ? labWays(spec, backend.name) : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new Error('--workers must be at least 1');
  const network = {
    kind: 'lab' as const,
    spec,
    classNames: data.classNames,
    imageShape: data.imageShape,
  };
  const peers =
    workers > 1
      ? await NodeTrainPeers.start(workers - 1, { backend: backend.name, network })
      : undefined;
  const run = new LabRun(spec, data);
  let lastLog = 0;
  const result = await run.run({
    ...(peers ? { peers } : {}),
    onProgress: (p) => {
      if (values.json || Date.now() - lastLog < 2000) return;
      lastLog = Date.now();
      const e = p.curve[p.curve.length - 1];
      log(
        `step ${p.step}/${p.totalSteps}, ${p.stepsPerSecond.toFixed(0)} steps/s` +
          (e
            ? `, held-out clean ${(100 * e.clean).toFixed(1)}% FGSM ${(100 * e.fgsm).toFixed(1)}%`
            : ''),
      );
    },
  });
  run.dispose();
  await peers?.close();
  if (values.out !== undefined) {
    await mkdir(values.out, { recursive: true });
    await writeFile(join(values.out, 'model.json'), result.model.modelJson);
    await writeFile(join(values.out, WEIGHTS_FILE), result.model.weights);
    log(`saved ${result.model.title} to ${values.out}/ (model.json, ${WEIGHTS_FILE})`);
  }
  if (values.json) {
    // the model's files go to --out, not into the JSON
    const { weights, model, ...rest } = result;
    const out = {
      backend: backend.name,
      spec,
      result: {
        ...rest,
        weights: { ...weights, data: Array.from(weights.data) },
        model: { title: model.title, architecture: model.architecture },
      },
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    const f = result.final;
    log(
      `${result.steps} steps in ${formatSeconds(result.elapsedMs / 1000)} (${result.stepsPerSecond.toFixed(1)} steps/s); ` +
        `held-out errors: clean ${(100 * f.clean).toFixed(1)}%, FGSM ${(100 * f.fgsm).toFixed(1)}%, ` +
        `+-eps noise ${(100 * f.noise).toFixed(1)}%`,
    );
  }
  releaseBackend();
}

main().catch((error: unknown) => {
  releaseBackend();
  process.stderr.write(`train-lab: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
