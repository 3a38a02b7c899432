/**
 * The manifest of a model the user brings: built from the checked model.json facts, the value
 * range the user chose and an optional class-name file. Pure: no tfjs, no DOM.
 */
import { BUNDLED_DATASET_IDS, type BundledDatasetId } from '../shared/dataset';
import { DATASET_CATALOG } from '../shared/datasetCatalog';
import type { InputRange, ModelManifest } from './manifest';
import { OwnModelError, type ModelJsonFacts } from './ownModelJson';
import type { OwnOutputChoice } from './ownModelOutput';

/** Own models' ids start with this, so the worker knows to check them as untrusted input. */
export const OWN_MODEL_ID_PREFIX = 'own-';

export const isOwnModelManifest = (m: Pick<ModelManifest, 'id'>): boolean =>
  m.id.startsWith(OWN_MODEL_ID_PREFIX);

/**
 * Class names as a user gives them, from a file or typed/pasted: a JSON array of strings; one
 * name per line (blank lines skipped); or, on one line, comma-separated. One per line wins when
 * there are several lines, since ImageNet's names hold commas ("tench, Tinca tinca").
 */
export function parseClassNames(text: string, source = 'the class names'): string[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new OwnModelError(`${source}: no names`);
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new OwnModelError(`${source} looks like JSON but is not valid JSON (${why})`);
    }
    if (!Array.isArray(json) || !json.every((n) => typeof n === 'string' || typeof n === 'number')) {
      throw new OwnModelError(
        `${source} must be a JSON array of names (or one name per line)`,
      );
    }
    return json.map(String);
  }
  const lines = trimmed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length > 1) return lines;
  return trimmed
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** The message for names that do not fit the model's outputs, with the likely fix. */
export function classCountMessage(names: number, outputs: number, source: string): string {
  const fix =
    outputs === names + 1
      ? ": the model has one more output than names, usually a 'background' class first (TF-Hub ImageNet models have 1,001 outputs)"
      : `; give exactly ${outputs} names, or load without names (class 0…${outputs - 1})`;
  return `${source} has ${names} names but the model has ${outputs} outputs${fix}`;
}

/** The names an own model gets when the user gives none: class 0..N-1. */
export const defaultClassNames = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => `class ${i}`);

/** The names to show: the user's (their count must equal the model's outputs) or class 0..N-1. */
export function classNamesFor(
  numClasses: number,
  names: string[] | null,
  source = 'the class-name file',
): string[] {
  if (names === null) return defaultClassNames(numClasses);
  if (names.length !== numClasses) {
    throw new OwnModelError(classCountMessage(names.length, numClasses, source));
  }
  return names;
}

/**
 * A guess for the range question: Keras-application photo models (MobileNet, Inception) want
 * [-1, 1]; exported graph models (TF-Hub) and small nets usually want [0, 1].
 */
export function guessInputRange(facts: Pick<ModelJsonFacts, 'format' | 'inputShape'>): InputRange {
  const [h, w, c] = facts.inputShape;
  const photoSized = c === 3 && (h ?? 0) >= 96 && (w ?? 0) >= 96;
  return facts.format === 'layers' && photoSized ? '-1-1' : '0-1';
}

export interface OwnModelSpec {
  /** unique per session, e.g. own-1 */
  id: string;
  /** what the picker shows, e.g. the model's file or folder name */
  name: string;
  /** absolute URL of model.json (http(s) or a blob: URL for dropped files) */
  url: string;
  facts: ModelJsonFacts;
  imageShape: [number, number, number];
  range: InputRange;
  /** empty until the engine has told the number of outputs */
  classNames: string[];
  /** how to read the output; 'auto' (default): the engine detects it */
  outputChoice?: OwnOutputChoice;
  /** 'imagenet' for the gallery's ImageNet classifiers; default 'custom' */
  dataset?: 'custom' | 'imagenet';
}

const TITLE_SUFFIX = ' (your model)';

/** The name the user gave an own model, from its title. */
export const ownModelName = (m: Pick<ModelManifest, 'title'>): string =>
  m.title.endsWith(TITLE_SUFFIX) ? m.title.slice(0, -TITLE_SUFFIX.length) : m.title;

/** The manifest the engine loads; 'photo' preprocessing, colour by channel count. */
export function ownModelManifest(spec: OwnModelSpec): ModelManifest {
  const { facts, imageShape } = spec;
  const kind = facts.format === 'graph' ? 'GraphModel' : 'LayersModel';
  const unit = facts.format === 'graph' ? 'nodes' : 'layers';
  return {
    id: spec.id,
    title: `${spec.name}${TITLE_SUFFIX}`,
    dataset: spec.dataset ?? 'custom',
    classNames: spec.classNames,
    inputShape: imageShape,
    modelInputShape: facts.inputShape.length === 3 ? [...imageShape] : [imageShape.reduce((a, b) => a * b, 1)],
    preprocessing: {
      recipe: 'photo',
      colour: imageShape[2] === 1 ? 'grey' : 'rgb',
      range: spec.range,
    },
    output: 'logits',
    outputChoice: spec.outputChoice ?? 'auto',
    format: facts.format,
    url: spec.url,
    architecture: `your TF.js ${kind}, ${facts.size} ${unit}, input [${facts.inputShape.join(', ')}]`,
  };
}

const shapeText = (h: number, w: number, c: number) => `${h}×${w}×${c}`;

/** Why `set`'s test images do not fit the model (input shape, class count), or null. */
function misfit(m: ModelManifest, set: BundledDatasetId): string | null {
  const spec = DATASET_CATALOG[set];
  const [h, w, c] = m.inputShape;
  if (h === spec.height && w === spec.width && c === spec.channels) {
    if (m.classNames.length === spec.classNames.length) return null;
  }
  return `${m.title} takes ${shapeText(h, w, c)} with ${m.classNames.length} classes; the ${spec.title} test images are ${shapeText(spec.height, spec.width, spec.channels)} with ${spec.classNames.length} classes`;
}

/**
 * The bundled test sets an own model without test images could use: those of its input shape
 * and class count (28×28×1 and 10: MNIST, Fashion-MNIST; 32×32×3 and 10: CIFAR-10).
 */
export function testSetsFitting(m: ModelManifest): BundledDatasetId[] {
  if (!isOwnModelManifest(m) || m.dataset !== 'custom') return [];
  return BUNDLED_DATASET_IDS.filter((set) => misfit(m, set) === null);
}

/**
 * The own model with `set`'s test images (same id, so links and the picker keep naming it). Its
 * outputs are read as the set's classes in order; without names of the user's they take the
 * set's names ("class 7" becomes "7").
 */
export function withTestSet(m: ModelManifest, set: BundledDatasetId): ModelManifest {
  const why = misfit(m, set);
  if (why !== null) throw new OwnModelError(why);
  const unnamed = defaultClassNames(m.classNames.length).every((n, i) => n === m.classNames[i]);
  return {
    ...m,
    dataset: set,
    classNames: unnamed ? [...DATASET_CATALOG[set].classNames] : m.classNames,
  };
}
