/**
 * Trains one of the paper's models and exports it to models/<id>/ with its index.json entry.
 *   npm run train -- --model <id> [--epochs N] [--seed S] [--backend auto|webgpu|wasm|cpu] [--resume]
 * A checkpoint is written after every epoch to .cache/checkpoints/<id>/ (git-ignored); --resume
 * continues from it (same model and seed), so a run of hours survives a stop. It is removed once
 * the model is saved. --trial trains without writing models/ (to try a recipe); --perturbation
 * replaces an adversarial recipe's x~ (fgsm, fgsm-random-start, pgd, random-sign, uniform). Figures are not measured here: run `npm run measure -- --model <id>`.
 * --workers N cuts every batch into N shares, N - 1 computed by worker threads on other cores
 * (the same draws and one Adam step: the result equals one worker's up to summation order).
 */
import { cpus, platform, arch } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { classifierFromLayersModel } from '../src/engine/core/layersClassifier';
import { registerCustomLayers } from '../src/engine/layers/register';
import type { ModelManifest } from '../src/models/manifest';
import { RECIPES, findRecipe, type Recipe, type TrainingDataset } from './lib/architectures';
import { MODEL_ORDER, baseManifest } from './lib/zooIndex';
import { readManifest } from './lib/datasetManifest';
import { resolveDataDirs } from './lib/dataStep';
import { chooseBackend, parseBackend, releaseBackend, type NodeBackend } from './lib/backend';
import { describeWeights, saveModel } from './lib/modelFiles';
import { MODELS_DIR, readModelIndex, upsertModel, writeModelIndex } from './lib/modelIndex';
import { formatSeconds } from './lib/progressBar';
import { loadDataset } from './lib/loadDataset';
import {
  TRAINING_PERTURBATIONS,
  type TrainingPerturbation,
} from '../src/engine/core/trainingObjective';
import { removeCheckpoint } from './lib/checkpoint';
import { recipeObjective, trainModel, type TrainReport } from './lib/trainLoop';
import { NodeTrainPeers } from './lib/trainPeers';
import { sharedStepObstacle } from '../src/engine/core/training/trainStep';
import { trainValidationSplit, type LabelledSet } from './lib/trainingData';

const CHECKPOINTS_DIR = join(import.meta.dirname, '../.cache/checkpoints');

/** The recipe with another x~ (--perturbation), for trying recipes; adversarial recipes only. */
function withPerturbation(recipe: Recipe, kind: string | undefined): Recipe {
  if (kind === undefined) return recipe;
  if (!recipe.adversarial)
    throw new Error(`--perturbation: ${recipe.id} trains on clean images only`);
  if (!TRAINING_PERTURBATIONS.includes(kind as TrainingPerturbation)) {
    throw new Error(`--perturbation must be one of ${TRAINING_PERTURBATIONS.join(', ')}`);
  }
  const adversarial = { ...recipe.adversarial, kind: kind as TrainingPerturbation };
  return { ...recipe, adversarial, recipe: `${recipe.recipe}; x~ by ${kind} (--perturbation)` };
}

/** The parts of the best epoch's robust validation error, for the recipe text. */
function robustParts(report: TrainReport): string {
  const parts = report.history.find((e) => e.epoch === report.bestEpoch)?.validationParts;
  if (!parts) return '';
  const list = Object.entries(parts).map(([k, v]) => `${k} ${(100 * v).toFixed(2)}%`);
  return ` Best epoch's validation errors: ${list.join(', ')}.`;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  return n;
}

export function machineDescription(): string {
  const cpu = cpus();
  return `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${platform()} ${arch()}, node ${process.version}`;
}

/** RBF centres start at the class means of the training images (mu[:, c] = mean of class c). */
function initialiseClassMeans(model: tf.Sequential, train: LabelledSet, classes: number): void {
  const sums = new Float64Array(train.dim * classes);
  const counts = new Float64Array(classes);
  for (let i = 0; i < train.count; i++) {
    const c = train.labels[i] ?? 0;
    counts[c] = (counts[c] ?? 0) + 1;
    for (let j = 0; j < train.dim; j++) {
      sums[j * classes + c] = (sums[j * classes + c] ?? 0) + (train.x[i * train.dim + j] ?? 0);
    }
  }
  const mu = new Float32Array(sums.length);
  sums.forEach((s, k) => (mu[k] = s / Math.max(1, counts[k % classes] ?? 1)));
  const [, beta] = model.getWeights();
  if (beta === undefined) throw new Error('RBF model without beta');
  model.setWeights([tf.tensor2d(mu, [train.dim, classes]), beta]);
}

/** Which copy of the dataset the data step found (e.g. CIFAR-10's JPEG-decoded pixels). */
function datasetVariant(id: TrainingDataset): string {
  const { outDir, catalog } = resolveDataDirs();
  const variants = new Set(readManifest(outDir, catalog[id])?.files.map((f) => f.variant));
  return `${catalog[id].title}, ${[...variants].join('/') || 'unknown'} pixels`;
}

/** The peers of --workers N (none for 1); a model with batch-coupled layers cannot have them. */
async function startPeers(
  workers: number,
  recipe: Recipe,
  model: tf.Sequential,
  backend: NodeBackend,
  inputDim: number,
  classNames: string[],
): Promise<NodeTrainPeers | undefined> {
  if (workers === 1) return undefined;
  if (backend === 'webgpu') {
    throw new Error(
      `--workers ${workers}: workers add CPU cores; webgpu runs on one GPU (use --backend wasm)`,
    );
  }
  const obstacle = sharedStepObstacle(model);
  if (obstacle)
    throw new Error(`--workers ${workers}: ${recipe.id} cannot be trained in shares: ${obstacle}`);
  const objective = recipeObjective(recipe);
  const peers = await NodeTrainPeers.start(workers - 1, {
    backend,
    network: { kind: 'recipe', recipeId: recipe.id, inputDim, classNames, objective },
  });
  const threads = `${workers - 1} worker thread${workers > 2 ? 's' : ''}`;
  log(`${workers} workers: every batch cut into ${workers} shares (this thread and ${threads})`);
  return peers;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      epochs: { type: 'string' },
      seed: { type: 'string' },
      backend: { type: 'string' },
      resume: { type: 'boolean' },
      trial: { type: 'boolean' },
      perturbation: { type: 'string' },
      workers: { type: 'string' },
    },
  });
  if (values.model === undefined) {
    throw new Error(`usage: train --model <id>; ids: ${RECIPES.map((r) => r.id).join(', ')}`);
  }
  const recipe: Recipe = withPerturbation(findRecipe(values.model), values.perturbation);
  const trial = values.trial === true;
  const seed = positiveInteger(values.seed, 'seed') ?? recipe.seed;
  const maxEpochs = positiveInteger(values.epochs, 'epochs') ?? recipe.maxEpochs;
  const workers = positiveInteger(values.workers, 'workers') ?? 1;
  if (workers < 1) throw new Error('--workers must be at least 1');
  const backend = await chooseBackend(parseBackend(values.backend));
  log(
    `backend ${backend.name} (${backend.adapter})${backend.skipped.length ? `; skipped ${backend.skipped.join('; ')}` : ''}`,
  );
  registerCustomLayers();

  const dataset = await loadDataset(recipe.dataset, 'train');
  const pixels = datasetVariant(recipe.dataset);
  const { train, validation } = trainValidationSplit(dataset, recipe.classFilter, recipe.holdOut);
  const manifest = baseManifest(recipe, dataset.classNames);
  const numClasses = manifest.classNames.length;
  log(
    `${recipe.id}: ${train.count} training and ${validation.count} validation images, seed ${seed}`,
  );

  const model = recipe.build(seed, train.dim, numClasses);
  if (recipe.initialise === 'class-means') initialiseClassMeans(model, train, numClasses);
  const classifier = classifierFromLayersModel(model, manifest);
  const checkpointDir = join(CHECKPOINTS_DIR, trial ? `${recipe.id}.trial` : recipe.id);
  const peers = await startPeers(
    workers,
    recipe,
    model,
    backend.name,
    train.dim,
    dataset.classNames,
  );
  let report: TrainReport;
  try {
    report = await trainModel({
      recipe,
      model,
      classifier,
      train,
      validation,
      seed,
      maxEpochs,
      log,
      checkpointDir,
      resume: values.resume === true,
      ...(peers ? { peers } : {}),
    });
  } finally {
    await peers?.close();
  }

  if (trial) {
    log(`trial run: nothing written to models/ (checkpoint kept in ${checkpointDir})`);
    releaseBackend();
    return;
  }
  const dir = join(MODELS_DIR, recipe.id);
  await saveModel(model, dir);
  const argv = process.argv.slice(2).join(' ');
  const heldOut =
    recipe.holdOut === 'every-tenth'
      ? 'every tenth training image (5,000)'
      : 'last 5,000 training images';
  const entry: ModelManifest = {
    ...manifest,
    training: {
      recipe:
        `${recipe.recipe}. Validation: ${heldOut}. Stopped after ${report.epochs} ` +
        `epochs (${report.stoppedBy}); best epoch ${report.bestEpoch}, ${report.validationKind} ` +
        `validation error ${(100 * report.bestValidationError).toFixed(2)}%. Data: ${pixels}.` +
        robustParts(report) +
        (report.resumedAfter > 0
          ? ` Resumed from a checkpoint after epoch ${report.resumedAfter}.`
          : ''),
      seed,
      backend: backend.name,
      epochs: report.epochs,
      seconds: Math.round(report.seconds),
      machine: machineDescription(),
      command: `npm run train -- ${argv}`,
    },
    weights: await describeWeights(dir, MODELS_DIR),
  };
  const index = upsertModel(await readModelIndex(), entry, MODEL_ORDER);
  // Figures measured on the old weights no longer hold, nor do those of ensembles using them.
  for (const m of index.models) {
    if (m.members?.includes(recipe.id)) delete m.figures;
  }
  await writeModelIndex(index);
  await removeCheckpoint(checkpointDir);
  log(
    `saved ${dir} in ${formatSeconds(report.seconds)}; index entry written (figures: run measure)`,
  );
  releaseBackend();
}

main().catch((error: unknown) => {
  releaseBackend();
  log(error instanceof Error ? `train: ${error.message}` : `train: ${String(error)}`);
  process.exitCode = 1;
});
