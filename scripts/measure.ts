/**
 * Measures every model in models/index.json through the engine (classifierFromLayersModel +
 * attackBatch) on the full test set and writes the figures back into the index:
 *   npm run measure -- [--model id] [--limit N] [--eps 0.25] [--backend auto|wasm|cpu]
 *     [--pgd-steps 40] [--pgd-limit N]
 * Without --eps: 0.25 on MNIST and Fashion-MNIST, 0.1 and 8/255 on CIFAR-10.
 * Figures: clean error; for FGSM (true labels) and the two same-max-norm noise controls, the
 * error rate and the mean confidence (the engine's probability of the predicted class: softmax,
 * or exp(s) for an 'rbf' model) on mistakes.
 * PGD: `--pgd-steps` steps of eps/16 (2.5 eps / 40, Madry et al.'s rule) from a uniform random
 * start in the eps-box, on the first `--pgd-limit` test images (by default 1,000 of MNIST and
 * Fashion-MNIST and 250 of CIFAR-10: 40 gradients per image and eps took 11 minutes for the
 * 10,000 MNIST images on a busy 2-core machine; 1,000 images give the rate within about 1.5%).
 * A model whose classes are a subset of its dataset's (3 vs 7) is measured on those classes only.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { attackBatch, type AttackSpec } from '../src/engine/core/attack';
import type { Classifier } from '../src/engine/core/classifier';
import { ensembleClassifier } from '../src/engine/core/classifiers';
import { confidenceOf } from '../src/engine/core/probabilities';
import { classifierFromLayersModel } from '../src/engine/core/layersClassifier';
import type {
  AttackFigures,
  MeasuredFigures,
  ModelManifest,
  PgdFigures,
} from '../src/models/manifest';
import type { BundledDatasetId, Dataset } from '../src/shared/dataset';
import { ENSEMBLES, MODEL_ORDER, ensembleManifest } from './lib/zooIndex';
import { chooseBackend, parseBackend, releaseBackend } from './lib/backend';
import { describeWeights, loadModelFromDir } from './lib/modelFiles';
import { MODELS_DIR, readModelIndex, upsertModel, writeModelIndex } from './lib/modelIndex';
import { loadDataset } from './lib/loadDataset';
import { labelledSet, type LabelledSet } from './lib/trainingData';

const CHUNK = 1000;
type AttackName = 'fgsm' | 'randomSign' | 'uniform';
const MODES: Record<AttackName, AttackSpec['mode']> = {
  fgsm: 'fgsm',
  randomSign: 'random-sign',
  uniform: 'uniform',
};

interface Tally {
  errors: number;
  confidenceOnMistakes: number;
}

/** Errors and summed confidence on mistakes of one batch of c's logits. */
async function tally(c: Classifier, logits: tf.Tensor2D, labels: tf.Tensor1D): Promise<Tally> {
  const [errors, confidence] = tf.tidy(() => {
    const wrong = tf.notEqual(tf.argMax(logits, 1), labels).toFloat();
    const top = confidenceOf(c, logits);
    return [wrong.sum(), tf.mul(wrong, top).sum()];
  });
  const result = {
    errors: (await errors.data())[0] ?? 0,
    confidenceOnMistakes: (await confidence.data())[0] ?? 0,
  };
  tf.dispose([errors, confidence]);
  return result;
}

function figures(t: Tally, count: number, eps: number): AttackFigures {
  return {
    eps,
    errorRate: t.errors / count,
    meanConfidenceOnMistakes: t.errors > 0 ? t.confidenceOnMistakes / t.errors : 0,
  };
}

/** The test images of the model's classes, relabelled to the model's class order. */
function testSet(ds: Dataset, m: ModelManifest, limit: number): LabelledSet {
  const same = m.classNames.join('\u0000') === ds.classNames.join('\u0000');
  const filter = same ? undefined : m.classNames.map((name) => ds.classNames.indexOf(name));
  if (filter?.some((i) => i < 0)) {
    throw new Error(`${m.id}: classes ${m.classNames.join(',')} are not all in ${ds.id}`);
  }
  return labelledSet(ds, 0, Math.min(limit, ds.count), filter);
}

const PGD_STEP_OVER_EPS = 1 / 16;

/** PGD figures on the first `limit` images of `set`. */
async function measurePgd(
  c: Classifier,
  set: LabelledSet,
  epsList: number[],
  steps: number,
  limit: number,
): Promise<PgdFigures> {
  const [h, w, ch] = c.inputShape;
  const count = Math.min(limit, set.count);
  const tallies = epsList.map(() => ({ errors: 0, confidenceOnMistakes: 0 }));
  for (let start = 0, chunk = 0; start < count; start += CHUNK, chunk++) {
    const n = Math.min(CHUNK, count - start);
    const x = tf.tensor4d(set.x.subarray(start * set.dim, (start + n) * set.dim), [n, h, w, ch]);
    const y = tf.tensor1d(set.labels.subarray(start, start + n), 'int32');
    for (const [i, eps] of epsList.entries()) {
      const spec: AttackSpec = {
        mode: 'pgd',
        eps,
        labels: y,
        steps,
        stepSize: eps * PGD_STEP_OVER_EPS,
        randomStart: true,
        seed: chunk,
        clip: [0, 1],
      };
      const advLogits = tf.tidy(() => c.logits(attackBatch(c, x, spec)));
      const a = await tally(c, advLogits, y);
      advLogits.dispose();
      const t = tallies[i];
      if (t) {
        t.errors += a.errors;
        t.confidenceOnMistakes += a.confidenceOnMistakes;
      }
    }
    tf.dispose([x, y]);
  }
  return {
    steps,
    stepOverEps: PGD_STEP_OVER_EPS,
    testImages: count,
    attacks: tallies.map((t, i) => figures(t, count, epsList[i] ?? 0)),
  };
}

async function measure(
  c: Classifier,
  set: LabelledSet,
  epsList: number[],
): Promise<Omit<MeasuredFigures, 'command' | 'backend' | 'measuredOn' | 'pgd'>> {
  const [h, w, ch] = c.inputShape;
  const clean: Tally = { errors: 0, confidenceOnMistakes: 0 };
  const attacks = new Map<string, Tally>();
  for (let start = 0, chunk = 0; start < set.count; start += CHUNK, chunk++) {
    const n = Math.min(CHUNK, set.count - start);
    const x = tf.tensor4d(set.x.subarray(start * set.dim, (start + n) * set.dim), [n, h, w, ch]);
    const y = tf.tensor1d(set.labels.subarray(start, start + n), 'int32');
    const logits = c.logits(x);
    const t = await tally(c, logits, y);
    logits.dispose();
    clean.errors += t.errors;
    clean.confidenceOnMistakes += t.confidenceOnMistakes;
    for (const eps of epsList) {
      for (const name of Object.keys(MODES) as AttackName[]) {
        // A different noise seed per chunk, so chunks do not share one noise image.
        const spec: AttackSpec = { mode: MODES[name], eps, labels: y, seed: chunk, clip: [0, 1] };
        const advLogits = tf.tidy(() => c.logits(attackBatch(c, x, spec)));
        const a = await tally(c, advLogits, y);
        advLogits.dispose();
        const key = `${name}@${eps}`;
        const sum = attacks.get(key) ?? { errors: 0, confidenceOnMistakes: 0 };
        attacks.set(key, {
          errors: sum.errors + a.errors,
          confidenceOnMistakes: sum.confidenceOnMistakes + a.confidenceOnMistakes,
        });
      }
    }
    tf.dispose([x, y]);
  }
  const list = (name: AttackName): AttackFigures[] =>
    epsList.map((eps) => figures(attacks.get(`${name}@${eps}`) ?? clean, set.count, eps));
  return {
    testImages: set.count,
    cleanErrorRate: clean.errors / set.count,
    fgsm: list('fgsm'),
    randomSign: list('randomSign'),
    uniform: list('uniform'),
  };
}

function percent(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}

/** PGD's default image count per dataset */
const PGD_LIMIT: Record<BundledDatasetId, number> = {
  mnist: 1000,
  'fashion-mnist': 1000,
  cifar10: 250,
};

/** the paper's eps per dataset; CIFAR-10 also at 8/255, the usual budget of later work */
const PAPER_EPS: Record<BundledDatasetId, number[]> = {
  mnist: [0.25],
  'fashion-mnist': [0.25],
  cifar10: [0.1, 8 / 255],
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      limit: { type: 'string' },
      eps: { type: 'string' },
      backend: { type: 'string' },
      'pgd-steps': { type: 'string' },
      'pgd-limit': { type: 'string' },
    },
  });
  const pgdSteps = Number(values['pgd-steps'] ?? 40);
  if (!(Number.isInteger(pgdSteps) && pgdSteps >= 1))
    throw new Error('--pgd-steps must be a positive integer');
  const pgdLimit = values['pgd-limit'] === undefined ? null : Number(values['pgd-limit']);
  if (pgdLimit !== null && !(pgdLimit > 0))
    throw new Error('--pgd-limit must be a positive number');
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  if (!(limit > 0)) throw new Error('--limit must be a positive number');
  const askedEps = values.eps?.split(',').map(Number);
  if (askedEps?.some((e) => !(e >= 0 && e <= 1)))
    throw new Error('--eps must be numbers in [0, 1]');
  const backend = await chooseBackend(parseBackend(values.backend));
  let index = await readModelIndex();
  // Ensembles enter the index once all their members are trained.
  for (const recipe of ENSEMBLES) {
    const members = recipe.members.map((id) => index.models.find((m) => m.id === id));
    const first = members[0];
    if (first === undefined || members.some((m) => m === undefined)) continue;
    const existing = index.models.find((m) => m.id === recipe.id);
    const entry = ensembleManifest(recipe, first);
    if (existing?.figures) entry.figures = existing.figures;
    index = upsertModel(index, entry, MODEL_ORDER);
  }
  await writeModelIndex(index);
  const targets = index.models.filter((m) => values.model === undefined || m.id === values.model);
  if (targets.length === 0) throw new Error(`no model "${values.model}" in models/index.json`);

  const datasets = new Map<string, Dataset>();
  const classifiers = new Map<string, Classifier>();
  const classifierFor = async (m: ModelManifest): Promise<Classifier> => {
    const known = classifiers.get(m.id);
    if (known) return known;
    let c: Classifier;
    if (m.members !== undefined) {
      const members: Classifier[] = [];
      for (const id of m.members) {
        const member = index.models.find((e) => e.id === id);
        if (!member) throw new Error(`${m.id}: member ${id} is not in the index`);
        members.push(await classifierFor(member));
      }
      c = ensembleClassifier(members, m.id);
    } else {
      c = classifierFromLayersModel(await loadModelFromDir(join(MODELS_DIR, m.id)), m);
    }
    classifiers.set(m.id, c);
    return c;
  };

  for (const m of targets) {
    if (m.dataset !== 'mnist' && m.dataset !== 'fashion-mnist' && m.dataset !== 'cifar10') {
      process.stderr.write(`${m.id}: dataset ${m.dataset} is not measured here, skipped\n`);
      continue;
    }
    const started = Date.now();
    let ds = datasets.get(m.dataset);
    if (!ds) {
      ds = await loadDataset(m.dataset, 'test');
      datasets.set(m.dataset, ds);
    }
    const set = testSet(ds, m, limit);
    const c = await classifierFor(m);
    const epsList = askedEps ?? PAPER_EPS[m.dataset];
    const measured = await measure(c, set, epsList);
    const pgd = await measurePgd(c, set, epsList, pgdSteps, pgdLimit ?? PGD_LIMIT[m.dataset]);
    const result = { ...measured, pgd };
    const argv = process.argv.slice(2).join(' ');
    const entry: ModelManifest = {
      ...m,
      figures: {
        ...result,
        command: argv ? `npm run measure -- ${argv}` : 'npm run measure',
        backend: backend.name,
        measuredOn: new Date().toISOString().slice(0, 10),
      },
    };
    if (m.members === undefined)
      entry.weights = await describeWeights(join(MODELS_DIR, m.id), MODELS_DIR);
    // Re-read: a training run may have written its entry meanwhile.
    index = upsertModel(await readModelIndex(), entry, MODEL_ORDER);
    await writeModelIndex(index);
    const f = (a: AttackFigures[]): string =>
      a
        .map((x) => `${percent(x.errorRate)} (conf ${percent(x.meanConfidenceOnMistakes)})`)
        .join(' ');
    process.stdout.write(
      `${m.id}: ${set.count} images, clean ${percent(result.cleanErrorRate)}; ` +
        `fgsm ${f(result.fgsm)}; random-sign ${f(result.randomSign)}; uniform ${f(result.uniform)}; ` +
        `pgd-${pgd.steps} ${f(pgd.attacks)} on ${pgd.testImages} ` +
        `[${((Date.now() - started) / 1000).toFixed(1)}s, ${backend.name}]\n`,
    );
  }
  releaseBackend();
}

main().catch((error: unknown) => {
  releaseBackend();
  process.stderr.write(`measure: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
