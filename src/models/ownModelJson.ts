/**
 * Pure checks of a user's model.json (TF.js LayersModel or GraphModel) before anything is
 * downloaded or loaded: one image input, the weight files and their total size. Both the main
 * thread (the own-model dialog) and the worker use it, so a bad file is refused with the same
 * message wherever it is first seen. No tfjs, no DOM.
 */
import { OwnModelError } from './ownModelError';
import { graphFacts, type GraphHead } from './ownModelGraph';

/** Weights above this total (from model.json's weightsManifest) are refused before download. */
export const OWN_MODEL_MAX_WEIGHT_BYTES = 100 * 1024 * 1024;
/** A model.json itself larger than this is refused (the topology of big nets is a few MB). */
export const OWN_MODEL_MAX_JSON_BYTES = 20 * 1024 * 1024;

export { OwnModelError };

export interface WeightGroupFacts {
  /** file names as model.json writes them, relative to model.json */
  paths: string[];
  /** bytes the group's weight specs need, all its files together */
  bytes: number;
}

export interface ModelJsonFacts {
  format: 'layers' | 'graph';
  /** the input's shape without the batch dimension, null where the model leaves it open */
  inputShape: (number | null)[];
  /** name of the input (layer or graph placeholder) */
  inputName: string;
  /** graph models: the output node */
  graphOutput?: string;
  /** graph models: the Softmax / Sigmoid the output ends in (through pass-through ops) */
  graphHead?: GraphHead;
  weightGroups: WeightGroupFacts[];
  totalWeightBytes: number;
  /** layers models: number of layers; graph models: number of nodes */
  size: number;
  /** the name the model gives itself (userDefinedMetadata, else the Keras model's name), if any */
  modelName?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const BYTES_PER_DTYPE: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

function fail(message: string): never {
  throw new OwnModelError(message);
}

/** Bytes of one weight spec: its elements times the stored dtype (quantised dtype if any). */
function specBytes(spec: unknown, where: string): number {
  if (!isObject(spec)) fail(`model.json: ${where} is not a weight entry`);
  const shape = spec.shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) {
    fail(`model.json: ${where} has no valid "shape"`);
  }
  const count = (shape as number[]).reduce((a, b) => a * b, 1);
  const quantization = spec.quantization;
  const dtype = isObject(quantization) ? quantization.dtype : spec.dtype;
  if (dtype === 'string') fail(`model.json: ${where} holds strings, which image models never do`);
  const bytes = typeof dtype === 'string' ? BYTES_PER_DTYPE[dtype] : undefined;
  if (bytes === undefined) fail(`model.json: ${where} has an unknown dtype ${String(dtype)}`);
  return count * bytes;
}

function weightGroups(json: Json): WeightGroupFacts[] {
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest)) {
    fail(
      'model.json has no "weightsManifest": it is a model topology without weights. ' +
        'Export the model with tensorflowjs_converter (or model.save) so model.json lists its weight files.',
    );
  }
  return manifest.map((group: unknown, g) => {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      fail(`model.json: weightsManifest[${g}] needs "paths" and "weights" arrays`);
    }
    const paths = group.paths.map((p: unknown, i) => {
      if (typeof p !== 'string' || p === '') fail(`model.json: weightsManifest[${g}].paths[${i}] is not a file name`);
      return p;
    });
    const bytes = group.weights.reduce<number>(
      (sum, spec, i) => sum + specBytes(spec, `weightsManifest[${g}].weights[${i}]`),
      0,
    );
    return { paths, bytes };
  });
}

function shapeOf(value: unknown, what: string): (number | null)[] {
  if (!Array.isArray(value) || !value.every((d) => d === null || (Number.isInteger(d) && d >= -1))) {
    fail(`model.json: the input ${what} has no readable shape`);
  }
  return (value as (number | null)[]).map((d) => (d === -1 ? null : d));
}

interface LayersInput {
  name: string;
  shape: (number | null)[];
  size: number;
  modelName?: string;
}

function layersInput(topology: Json): LayersInput {
  // Keras writes {model_config: {class_name, config}}; some exporters write the config directly
  const modelConfig = isObject(topology.model_config) ? topology.model_config : topology;
  const className = modelConfig.class_name;
  const config = modelConfig.config;
  if (className === 'Sequential') {
    const layers = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
    if (!Array.isArray(layers) || layers.length === 0) fail('model.json: the Sequential model has no layers');
    const first: unknown = layers[0];
    const firstConfig = isObject(first) && isObject(first.config) ? first.config : {};
    const shape = firstConfig.batch_input_shape ?? firstConfig.batch_shape;
    if (shape === undefined) fail('model.json: the first layer does not say its input shape (batch_input_shape)');
    const name = typeof firstConfig.name === 'string' ? firstConfig.name : 'input';
    const found: LayersInput = { name, shape: shapeOf(shape, name).slice(1), size: layers.length };
    if (isObject(config) && typeof config.name === 'string' && config.name !== '')
      found.modelName = config.name;
    return found;
  }
  if (!isObject(config) || !Array.isArray(config.layers)) {
    fail(
      `model.json: modelTopology is not a Keras model (class_name ${JSON.stringify(className)}): ` +
        'expected a TF.js LayersModel or GraphModel',
    );
  }
  const inputs = config.input_layers;
  if (!Array.isArray(inputs) || inputs.length !== 1) {
    const n = Array.isArray(inputs) ? inputs.length : 0;
    fail(
      `the model has ${n} inputs; the explorer attacks models with exactly one image input`,
    );
  }
  const outputs = config.output_layers;
  if (Array.isArray(outputs) && outputs.length !== 1) {
    fail(`the model has ${outputs.length} outputs; the explorer needs exactly one (the class scores)`);
  }
  const inputRef: unknown = inputs[0];
  const inputName = Array.isArray(inputRef) && typeof inputRef[0] === 'string' ? inputRef[0] : '';
  const layer: unknown = config.layers.find((l: unknown) => isObject(l) && l.name === inputName);
  const layerConfig = isObject(layer) && isObject(layer.config) ? layer.config : undefined;
  const shape = layerConfig?.batch_input_shape ?? layerConfig?.batch_shape;
  if (shape === undefined) fail(`model.json: the input layer '${inputName}' has no batch_input_shape`);
  const found: LayersInput = {
    name: inputName,
    shape: shapeOf(shape, inputName).slice(1),
    size: config.layers.length,
  };
  if (typeof config.name === 'string' && config.name !== '') found.modelName = config.name;
  return found;
}

/** A name the exporter put in model.json's userDefinedMetadata (name, title or modelName). */
function nameInMetadata(metadata: unknown): string | undefined {
  if (!isObject(metadata)) return undefined;
  const name = [metadata.name, metadata.title, metadata.modelName].find(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );
  return name?.trim();
}

function weightNamesOf(json: Json): Set<string> {
  const names = new Set<string>();
  for (const group of (json.weightsManifest as Json[]) ?? []) {
    for (const w of (group.weights as Json[]) ?? []) if (typeof w.name === 'string') names.add(w.name);
  }
  return names;
}

/** Checks a parsed model.json; throws OwnModelError with a message for the user. */
export function inspectModelJson(json: unknown): ModelJsonFacts {
  if (!isObject(json) || !isObject(json.modelTopology)) {
    fail(
      'this JSON file is not a TF.js model: it has no "modelTopology". ' +
        'Pick the model.json that tensorflowjs_converter or model.save() wrote.',
    );
  }
  const topology = json.modelTopology;
  const isGraph = Array.isArray(topology.node) || json.format === 'graph-model';
  const groups = weightGroups(json);
  const totalWeightBytes = groups.reduce((sum, g) => sum + g.bytes, 0);
  if (totalWeightBytes > OWN_MODEL_MAX_WEIGHT_BYTES) {
    fail(
      `the model's weights are ${formatBytes(totalWeightBytes)}, more than the ` +
        `${formatBytes(OWN_MODEL_MAX_WEIGHT_BYTES)} the explorer loads in a browser tab. ` +
        'Use a smaller model (e.g. MobileNet), or quantise its weights.',
    );
  }
  const facts = isGraph
    ? { format: 'graph' as const, ...graphFacts(weightNamesOf(json), topology) }
    : (() => {
        const { name, shape, size, modelName } = layersInput(topology);
        const layers = { format: 'layers' as const, inputName: name, inputShape: shape, size };
        return modelName === undefined ? layers : { ...layers, modelName };
      })();
  checkImageInput(facts.inputShape);
  const metadataName = nameInMetadata(json.userDefinedMetadata);
  return {
    ...facts,
    ...(metadataName ? { modelName: metadataName } : {}),
    weightGroups: groups,
    totalWeightBytes,
  };
}

/** One image: [H, W, C] with C 1 or 3, or a flat vector [H*W*C]. */
function checkImageInput(shape: (number | null)[]): void {
  const text = `[${shape.map((d) => d ?? '?').join(', ')}]`;
  if (shape.length === 1) {
    if (shape[0] === null) fail(`the input ${text} has an open size: the explorer needs a fixed image size`);
    return;
  }
  if (shape.length !== 3) {
    fail(`the input has shape ${text} per example; the explorer needs an image [height, width, channels] or a flat vector`);
  }
  const [h, w, c] = shape;
  if (h === null || w === null) {
    fail(`the input ${text} has an open height or width: the explorer needs a fixed image size`);
  }
  if (c !== 1 && c !== 3) {
    fail(`the input ${text} has ${c ?? 'an open number of'} channels; the explorer handles grey (1) or RGB (3) images`);
  }
}

/** Parses model.json text; not-JSON gets its own message. */
export function parseModelJsonText(text: string): ModelJsonFacts & { json: Json } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    fail(`model.json is not JSON (${why}). Pick the model.json file that the TF.js converter wrote.`);
  }
  return { ...inspectModelJson(json), json: json as Json };
}

/**
 * The image the model sees, [H, W, C]: read from a rank-3 input, or for a flat input of N
 * values the user's [H, W, C] (whose product must be N).
 */
export function imageShapeFor(
  facts: Pick<ModelJsonFacts, 'inputShape'>,
  flatShape?: [number, number, number],
): [number, number, number] {
  const shape = facts.inputShape;
  if (shape.length === 3) return shape as [number, number, number];
  const n = shape[0] as number;
  if (!flatShape) {
    fail(`the model takes a flat vector of ${n} values: tell its image height, width and channels`);
  }
  const [h, w, c] = flatShape;
  if (![h, w, c].every((d) => Number.isInteger(d) && d > 0) || (c !== 1 && c !== 3)) {
    fail('height and width must be positive whole numbers and channels 1 or 3');
  }
  if (h * w * c !== n) {
    fail(`${h} x ${w} x ${c} = ${h * w * c} values, but the model takes ${n}: check the image shape`);
  }
  return [h, w, c];
}
