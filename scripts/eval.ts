/**
 * `npm run eval -- <experiment> [options]` (see EVAL_USAGE): the paper's experiments on the full
 * test sets, through the same engine runners the browser's Experiments view calls in its worker
 * (src/engine/core/experiments). Prints tables (or --json / --markdown).
 *   npx tsx scripts/eval.ts attack --models mnist-maxout --eps 0.1,0.25
 *   npx tsx scripts/eval.ts transfer --models mnist-maxout,mnist-maxout-adv
 *   npx tsx scripts/eval.ts rubbish --count 10000 --seed 1
 */
import { join } from 'node:path';
import type { Classifier } from '../src/engine/core/classifier';
import { ensembleClassifier } from '../src/engine/core/classifiers';
import { runExperiment } from '../src/engine/core/experiments';
import { classifierFromLayersModel } from '../src/engine/core/layersClassifier';
import type {
  ExperimentImages,
  ExperimentResult,
  ExperimentSpec,
} from '../src/engine/experimentTypes';
import type { ModelIndex, ModelManifest } from '../src/models/manifest';
import type { BundledDatasetId, Dataset } from '../src/shared/dataset';
import { selectExperimentImages } from '../src/engine/report/experimentImages';
import {
  experimentJson,
  experimentTables,
  tableMarkdown,
  tableText,
} from '../src/engine/report/experimentReport';
import { ENSEMBLES } from './lib/zooIndex';
import { chooseBackend, parseBackend, releaseBackend } from './lib/backend';
import { EVAL_USAGE, EvalUsageError, parseEvalOptions, type EvalOptions } from './lib/evalOptions';
import { loadDataset } from './lib/loadDataset';
import { loadModelFromDir } from './lib/modelFiles';
import { MODELS_DIR, readModelIndex } from './lib/modelIndex';
import { ProgressBar } from './lib/progressBar';

const DEFAULT_MODEL = 'mnist-maxout';
const DEFAULT_RUBBISH_COUNT = 10000;
const DEFAULT_FOOLING_COUNT = 20;
const DEFAULT_FOOLING_STEPS = 50;

function manifestOf(index: ModelIndex, id: string): ModelManifest {
  const m = index.models.find((e) => e.id === id);
  if (!m) {
    const known = index.models.map((e) => e.id).join(', ');
    throw new EvalUsageError(`no model "${id}" in models/index.json (known: ${known})`);
  }
  return m;
}

/** Loads models (and ensembles' members) once each. */
class Models {
  private readonly cache = new Map<string, Classifier>();
  constructor(private readonly index: ModelIndex) {}

  async load(id: string): Promise<Classifier> {
    const known = this.cache.get(id);
    if (known) return known;
    const m = manifestOf(this.index, id);
    let c: Classifier;
    if (m.members !== undefined) {
      const members: Classifier[] = [];
      for (const member of m.members) members.push(await this.load(member));
      c = ensembleClassifier(members, m.id);
    } else {
      c = classifierFromLayersModel(await loadModelFromDir(join(MODELS_DIR, m.id)), m);
    }
    this.cache.set(id, c);
    return c;
  }

  get(id: string): Classifier {
    const c = this.cache.get(id);
    if (!c) throw new Error(`model ${id} was not loaded`);
    return c;
  }
}

/** The models an experiment runs on when --models is not given. */
function defaultModels(o: EvalOptions, index: ModelIndex): string[] {
  const mnist = index.models.filter((m) => m.dataset === 'mnist');
  switch (o.kind) {
    case 'ensemble': {
      const entry = index.models.find((m) => m.members !== undefined);
      return entry?.members ?? ENSEMBLES[0]?.members ?? [];
    }
    case 'fooling':
    case 'shared':
      return [DEFAULT_MODEL];
    case 'transfer': {
      const pair = ['mnist-maxout', 'mnist-maxout-adv'];
      return pair.every((id) => index.models.some((m) => m.id === id))
        ? pair
        : mnist
            .filter((m) => m.members === undefined && m.classNames.length === 10)
            .map((m) => m.id);
    }
    default:
      return mnist.map((m) => m.id);
  }
}

/** Models that can share one run: same dataset and classes (a 3-vs-7 model runs on its own). */
function groups(manifests: readonly ModelManifest[]): ModelManifest[][] {
  const byKey = new Map<string, ModelManifest[]>();
  for (const m of manifests) {
    const key = `${m.dataset}\u0000${m.classNames.join('\u0000')}`;
    byKey.set(key, [...(byKey.get(key) ?? []), m]);
  }
  return [...byKey.values()];
}

function specFor(o: EvalOptions, ids: string[], images: ExperimentImages | null): ExperimentSpec {
  const eps = o.eps[0] ?? 0.25;
  const need = (): ExperimentImages => {
    if (!images) throw new Error('this experiment needs test images');
    return images;
  };
  const model = ids[0] ?? DEFAULT_MODEL;
  switch (o.kind) {
    case 'attack':
      return {
        kind: 'attack',
        models: ids,
        attack: o.attack,
        eps: o.eps,
        seed: o.seed,
        images: need(),
      };
    case 'transfer':
      return { kind: 'transfer', models: ids, attack: o.attack, eps, seed: o.seed, images: need() };
    case 'ensemble':
      return {
        kind: 'ensemble',
        members: ids,
        attack: o.attack,
        eps,
        seed: o.seed,
        images: need(),
      };
    case 'rubbish':
      return {
        kind: 'rubbish',
        models: ids,
        count: o.count ?? DEFAULT_RUBBISH_COUNT,
        seed: o.seed,
        top: o.top,
      };
    case 'fooling':
      return {
        kind: 'fooling',
        model,
        count: o.count ?? DEFAULT_FOOLING_COUNT,
        steps: o.steps ?? DEFAULT_FOOLING_STEPS,
        eps,
        seed: o.seed,
        direction: o.direction,
        ...(o.classes && { classes: o.classes }),
      };
    case 'shared':
      return { kind: 'shared', model, eps, sources: o.sources, seed: o.seed, images: need() };
  }
}

interface RunRecord {
  dataset: string;
  images: number | null;
  seconds: number;
  result: ExperimentResult;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${EVAL_USAGE}\n`);
    return;
  }
  const o = parseEvalOptions(argv);
  const backend = await chooseBackend(parseBackend(o.backend));
  const index = await readModelIndex();
  const ids = o.models ?? defaultModels(o, index);
  if (ids.length === 0) throw new EvalUsageError('no models to run (train some first)');
  const models = new Models(index);
  for (const id of ids) await models.load(id);
  const manifests = ids.map((id) => manifestOf(index, id));
  const runGroups =
    o.kind === 'fooling' || o.kind === 'shared' ? [manifests.slice(0, 1)] : groups(manifests);
  if ((o.kind === 'transfer' || o.kind === 'ensemble') && runGroups.length > 1) {
    throw new EvalUsageError(`${o.kind}: the models must share one dataset and class list`);
  }

  const datasets = new Map<BundledDatasetId, Dataset>();
  const records: RunRecord[] = [];
  for (const group of runGroups) {
    const first = group[0] as ModelManifest;
    const usesImages = o.kind !== 'rubbish' && o.kind !== 'fooling';
    let images: ExperimentImages | null = null;
    if (usesImages) {
      if (
        first.dataset !== 'mnist' &&
        first.dataset !== 'fashion-mnist' &&
        first.dataset !== 'cifar10'
      ) {
        throw new EvalUsageError(`${first.id}: dataset ${first.dataset} has no bundled test set`);
      }
      let ds = datasets.get(first.dataset);
      if (!ds) {
        ds = await loadDataset(first.dataset, 'test');
        datasets.set(first.dataset, ds);
      }
      images = selectExperimentImages(ds, first.classNames, o.limit);
    }
    const spec = specFor(
      o,
      group.map((m) => m.id),
      images,
    );
    const bar = new ProgressBar({
      total: 1,
      label: `${o.kind} ${group.map((m) => m.id).join(',')}`,
    });
    const started = Date.now();
    let stage = '';
    const result = await runExperiment(spec, (id) => models.get(id), {
      chunkSize: o.chunk,
      onProgress: (p) => {
        stage = (p.partial as { stage?: string } | undefined)?.stage ?? stage;
        bar.update(p.done / p.total, stage);
      },
    });
    const seconds = (Date.now() - started) / 1000;
    bar.finish(`${seconds.toFixed(1)}s on ${backend.name}`);
    records.push({ dataset: first.dataset, images: images?.count ?? null, seconds, result });
  }

  const command = `npm run eval -- ${argv.join(' ')}`;
  if (o.output === 'json') {
    const json = {
      command,
      backend: backend.name,
      runs: records.map((r) => ({ ...r, result: experimentJson(r.result) })),
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const blocks = records.flatMap((r) =>
      experimentTables(r.result, (id) => index.models.find((m) => m.id === id)?.classNames).map(
        (t) =>
          o.output === 'markdown'
            ? `**${t.title}** (${r.dataset}${r.images === null ? '' : `, ${r.images} test images`})\n\n${tableMarkdown(t)}`
            : `${tableText(t)}\n(${r.dataset}${r.images === null ? '' : `, ${r.images} test images`}, ${r.seconds.toFixed(1)}s, ${backend.name})`,
      ),
    );
    process.stdout.write(
      `${o.output === 'markdown' ? `\`${command}\`\n\n` : ''}${blocks.join('\n\n')}\n`,
    );
  }
  releaseBackend();
}

main().catch((error: unknown) => {
  releaseBackend();
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`eval: ${message}\n`);
  if (error instanceof EvalUsageError) process.stderr.write(`\n${EVAL_USAGE}\n`);
  process.exitCode = 1;
});
