/**
 * The manifest of a model the user brings: built from the checked model.json facts, the value
 * range the user chose and an optional class-name file. Pure: no tfjs, no DOM.
 */
import type { InputRange, ModelManifest } from './manifest';
import { OwnModelError, type ModelJsonFacts } from './ownModelJson';

/** Own models' ids start with this, so the worker knows to check them as untrusted input. */
export const OWN_MODEL_ID_PREFIX = 'own-';

export const isOwnModelManifest = (m: Pick<ModelManifest, 'id'>): boolean =>
  m.id.startsWith(OWN_MODEL_ID_PREFIX);

/** Class names from a JSON array of strings or from one name per line (blank lines skipped). */
export function parseClassNames(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new OwnModelError('the class-name file is empty');
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new OwnModelError(`the class-name file looks like JSON but is not valid JSON (${why})`);
    }
    if (!Array.isArray(json) || !json.every((n) => typeof n === 'string' || typeof n === 'number')) {
      throw new OwnModelError(
        'the class-name file must be a JSON array of names (or one name per line)',
      );
    }
    return json.map(String);
  }
  return trimmed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The names to show: the user's (their count must equal the model's outputs) or class 0..N-1. */
export function classNamesFor(numClasses: number, names: string[] | null): string[] {
  if (names === null) return Array.from({ length: numClasses }, (_, i) => `class ${i}`);
  if (names.length !== numClasses) {
    throw new OwnModelError(
      `the class-name file has ${names.length} names but the model has ${numClasses} outputs; ` +
        `use a file with exactly ${numClasses} names, or load without one`,
    );
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
}

/** The manifest the engine loads; 'photo' preprocessing, colour by channel count. */
export function ownModelManifest(spec: OwnModelSpec): ModelManifest {
  const { facts, imageShape } = spec;
  const kind = facts.format === 'graph' ? 'GraphModel' : 'LayersModel';
  const unit = facts.format === 'graph' ? 'nodes' : 'layers';
  return {
    id: spec.id,
    title: `${spec.name} (your model)`,
    dataset: 'custom',
    classNames: spec.classNames,
    inputShape: imageShape,
    modelInputShape: facts.inputShape.length === 3 ? [...imageShape] : [imageShape.reduce((a, b) => a * b, 1)],
    preprocessing: {
      recipe: 'photo',
      colour: imageShape[2] === 1 ? 'grey' : 'rgb',
      range: spec.range,
    },
    output: 'logits',
    format: facts.format,
    url: spec.url,
    architecture: `your TF.js ${kind}, ${facts.size} ${unit}, input [${facts.inputShape.join(', ')}]`,
  };
}
