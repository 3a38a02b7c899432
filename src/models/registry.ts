/**
 * The model registry: fetches models/index.json and checks every field at runtime, so a bad or
 * half-written index fails with a message that names the field, not with a crash deep in the UI.
 */
import type {
  AttackFigures,
  DatasetId,
  InputRange,
  MeasuredFigures,
  PgdFigures,
  ModelIndex,
  ModelManifest,
  OutputKind,
  PreprocessingSpec,
  WeightFile,
} from './manifest';

/** Thrown for a missing, unreadable or invalid index; `path` names the offending field. */
export class ModelIndexError extends Error {
  constructor(
    /** what is wrong, without the file and path */
    readonly problem: string,
    readonly path: string = '',
  ) {
    super(path ? `models/index.json: ${path}: ${problem}` : `models/index.json: ${problem}`);
    this.name = 'ModelIndexError';
  }
}

const DATASETS: readonly DatasetId[] = ['mnist', 'fashion-mnist', 'cifar10', 'imagenet', 'custom'];
const RANGES: readonly InputRange[] = ['0-1', '-1-1', '0-255'];
const OUTPUTS: readonly OutputKind[] = ['logits', 'probabilities', 'binary-logit', 'rbf'];

type Json = Record<string, unknown>;

function fail(path: string, message: string): never {
  throw new ModelIndexError(message, path);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, 'expected an object');
  }
  return value as Json;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) fail(path, 'expected a non-empty string');
  return value;
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'expected a finite number');
  return value;
}

function integer(value: unknown, path: string, min: number): number {
  const n = finite(value, path);
  if (!Number.isInteger(n) || n < min) fail(path, `expected an integer >= ${min}`);
  return n;
}

function rate(value: unknown, path: string): number {
  const n = finite(value, path);
  if (n < 0 || n > 1) fail(path, 'expected a fraction in [0, 1]');
  return n;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) fail(path, `expected one of ${allowed.join(', ')}`);
  return found;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'expected an array');
  return value;
}

function optional<T>(obj: Json, key: string, parse: (v: unknown, path: string) => T, path: string) {
  return obj[key] === undefined ? undefined : parse(obj[key], `${path}.${key}`);
}

function parsePreprocessing(value: unknown, path: string): PreprocessingSpec {
  const o = object(value, path);
  return {
    recipe: oneOf(o.recipe, ['mnist', 'photo'] as const, `${path}.recipe`),
    colour: oneOf(o.colour, ['grey', 'rgb'] as const, `${path}.colour`),
    range: oneOf(o.range, RANGES, `${path}.range`),
  };
}

function parseAttackFigures(value: unknown, path: string): AttackFigures[] {
  return array(value, path).map((item, i) => {
    const o = object(item, `${path}[${i}]`);
    return {
      eps: finite(o.eps, `${path}[${i}].eps`),
      errorRate: rate(o.errorRate, `${path}[${i}].errorRate`),
      meanConfidenceOnMistakes: rate(
        o.meanConfidenceOnMistakes,
        `${path}[${i}].meanConfidenceOnMistakes`,
      ),
    };
  });
}

function parsePgdFigures(value: unknown, path: string): PgdFigures {
  const o = object(value, path);
  return {
    steps: integer(o.steps, `${path}.steps`, 1),
    stepOverEps: finite(o.stepOverEps, `${path}.stepOverEps`),
    testImages: integer(o.testImages, `${path}.testImages`, 1),
    attacks: parseAttackFigures(o.attacks, `${path}.attacks`),
  };
}

function parseFigures(value: unknown, path: string): MeasuredFigures {
  const o = object(value, path);
  return {
    testImages: integer(o.testImages, `${path}.testImages`, 1),
    cleanErrorRate: rate(o.cleanErrorRate, `${path}.cleanErrorRate`),
    fgsm: parseAttackFigures(o.fgsm, `${path}.fgsm`),
    randomSign: parseAttackFigures(o.randomSign, `${path}.randomSign`),
    uniform: parseAttackFigures(o.uniform, `${path}.uniform`),
    ...(o.pgd === undefined ? {} : { pgd: parsePgdFigures(o.pgd, `${path}.pgd`) }),
    command: string(o.command, `${path}.command`),
    backend: string(o.backend, `${path}.backend`),
    measuredOn: string(o.measuredOn, `${path}.measuredOn`),
  };
}

function parseTraining(value: unknown, path: string): NonNullable<ModelManifest['training']> {
  const o = object(value, path);
  return {
    recipe: string(o.recipe, `${path}.recipe`),
    seed: integer(o.seed, `${path}.seed`, 0),
    backend: string(o.backend, `${path}.backend`),
    epochs: integer(o.epochs, `${path}.epochs`, 0),
    seconds: finite(o.seconds, `${path}.seconds`),
    machine: string(o.machine, `${path}.machine`),
    command: string(o.command, `${path}.command`),
  };
}

function parseWeights(value: unknown, path: string): WeightFile[] {
  return array(value, path).map((item, i) => {
    const p = `${path}[${i}]`;
    const o = object(item, p);
    const sha256 = string(o.sha256, `${p}.sha256`);
    if (!/^[0-9a-f]{64}$/.test(sha256)) fail(`${p}.sha256`, 'expected 64 lower-case hex digits');
    return { path: string(o.path, `${p}.path`), bytes: integer(o.bytes, `${p}.bytes`, 0), sha256 };
  });
}

function parseShape3(value: unknown, path: string): [number, number, number] {
  const items = array(value, path);
  if (items.length !== 3) fail(path, 'expected [height, width, channels]');
  const [h, w, c] = items.map((v, i) => integer(v, `${path}[${i}]`, 1));
  return [h ?? 1, w ?? 1, c ?? 1];
}

/** Checks one manifest entry; `path` prefixes every error (e.g. "models[2]"). */
export function parseModelManifest(value: unknown, path = 'model'): ModelManifest {
  const o = object(value, path);
  const classNames = array(o.classNames, `${path}.classNames`).map((v, i) =>
    string(v, `${path}.classNames[${i}]`),
  );
  if (classNames.length < 2) fail(`${path}.classNames`, 'expected at least two classes');
  const output = oneOf(o.output, OUTPUTS, `${path}.output`);
  const manifest: ModelManifest = {
    id: string(o.id, `${path}.id`),
    title: string(o.title, `${path}.title`),
    dataset: oneOf(o.dataset, DATASETS, `${path}.dataset`),
    classNames,
    inputShape: parseShape3(o.inputShape, `${path}.inputShape`),
    modelInputShape: array(o.modelInputShape, `${path}.modelInputShape`).map((v, i) =>
      integer(v, `${path}.modelInputShape[${i}]`, 1),
    ),
    preprocessing: parsePreprocessing(o.preprocessing, `${path}.preprocessing`),
    output,
    format: oneOf(o.format, ['layers', 'graph'] as const, `${path}.format`),
    url: string(o.url, `${path}.url`),
    architecture: string(o.architecture, `${path}.architecture`),
  };
  const logitsLayer = optional(o, 'logitsLayer', string, path);
  const training = optional(o, 'training', parseTraining, path);
  const weights = optional(o, 'weights', parseWeights, path);
  const figures = optional(o, 'figures', parseFigures, path);
  const members = optional(
    o,
    'members',
    (v, p) => array(v, p).map((m, i) => string(m, `${p}[${i}]`)),
    path,
  );
  if (logitsLayer !== undefined) manifest.logitsLayer = logitsLayer;
  if (training !== undefined) manifest.training = training;
  if (weights !== undefined) manifest.weights = weights;
  if (figures !== undefined) manifest.figures = figures;
  if (members !== undefined) manifest.members = members;
  return manifest;
}

/** Checks a whole index: version, every entry, and that ids are unique. */
export function parseModelIndex(value: unknown): ModelIndex {
  const o = object(value, '(root)');
  if (o.version !== 1) fail('version', `expected 1, got ${JSON.stringify(o.version)}`);
  const models = array(o.models, 'models').map((m, i) => parseModelManifest(m, `models[${i}]`));
  const seen = new Set<string>();
  for (const [i, m] of models.entries()) {
    if (seen.has(m.id)) fail(`models[${i}].id`, `duplicate id "${m.id}"`);
    seen.add(m.id);
  }
  return { version: 1, models };
}

export type FetchLike = (url: string) => Promise<Pick<Response, 'ok' | 'status' | 'text'>>;

/** Joins a base folder URL and a relative path ('./models' + 'index.json'). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\.?\/+/, '')}`;
}

/** Fetches and validates `${modelsBaseUrl}/index.json`. */
export async function fetchModelIndex(
  modelsBaseUrl: string,
  fetchImpl: FetchLike = (url) => fetch(url),
): Promise<ModelIndex> {
  const url = joinUrl(modelsBaseUrl, 'index.json');
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetchImpl(url);
  } catch (e) {
    throw new ModelIndexError(`could not be fetched from ${url} (${errorText(e)})`);
  }
  if (!response.ok) {
    throw new ModelIndexError(
      response.status === 404
        ? `not found at ${url} - no models have been added yet`
        : `HTTP ${response.status} from ${url}`,
    );
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ModelIndexError(`is not valid JSON (${errorText(e)})`);
  }
  return parseModelIndex(json);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** What the model picker shows of one entry. */
export interface ModelSummary {
  id: string;
  title: string;
  dataset: DatasetId;
  /** measured clean test error, when the index carries figures */
  cleanErrorRate?: number;
}

export function summarizeModel(m: ModelManifest): ModelSummary {
  const summary: ModelSummary = { id: m.id, title: m.title, dataset: m.dataset };
  if (m.figures) summary.cleanErrorRate = m.figures.cleanErrorRate;
  return summary;
}

const DATASET_LABELS: Record<DatasetId, string> = {
  mnist: 'MNIST',
  'fashion-mnist': 'Fashion-MNIST',
  cifar10: 'CIFAR-10',
  imagenet: 'ImageNet',
  custom: 'custom',
};

export function datasetLabel(id: DatasetId): string {
  return DATASET_LABELS[id];
}

/** "MNIST softmax · MNIST · 7.9% clean error" */
export function modelLabel(s: ModelSummary): string {
  const parts = [s.title, datasetLabel(s.dataset)];
  if (s.cleanErrorRate !== undefined) {
    parts.push(`${(s.cleanErrorRate * 100).toFixed(2)}% clean error`);
  }
  return parts.join(' · ');
}
