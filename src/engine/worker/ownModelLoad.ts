/**
 * Loads a model the user brought (see ownModelFetch for the download checks): builds the tfjs
 * model from memory, refuses NaN/Inf weights, finds its logits (below a final softmax, even one
 * inside a Dense/Conv layer; an RBF last layer is read as 'rbf', probabilities exp(s)) and adapts
 * it to the Classifier contract. Every failure is an
 * EngineError 'model-load-failed' whose message tells the user what was wrong.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelManifest, OutputKind } from '../../models/manifest';
import { classNamesFor } from '../../models/ownModelManifest';
import { OwnModelError, type ModelJsonFacts } from '../../models/ownModelJson';
import { classifierFromLayersModel, EngineError, type Classifier } from '../core';
import { classifierFromGraphModel, graphOutputSize } from '../core/graphClassifier';
import { linearTwin } from '../core/linearTwin';
import { writeWeights } from '../core/modelLoading';
import { fetchOwnModel, type OwnFetch } from './ownModelFetch';
import { breakingCause } from '../breakage';

export interface LoadedOwnModel {
  /** the manifest as loaded: the real class names and shapes */
  manifest: ModelManifest;
  /** the LayersModel (first-layer weights view); null for a GraphModel */
  model: tf.LayersModel | null;
  classifier: Classifier;
  notes: string[];
  parameterCount: number;
  /** frees everything this load made */
  release(): void;
}

function failed(manifest: ModelManifest, message: string, cause?: unknown): EngineError {
  return new EngineError('model-load-failed', `your model: ${message}`, { cause });
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Names of the weights holding NaN or +-Inf (counted with tf ops on the backend). */
async function nonFiniteWeights(named: [string, tf.Tensor][]): Promise<string[]> {
  const floats = named.filter(([, t]) => t.dtype === 'float32');
  if (floats.length === 0) return [];
  const counts = tf.tidy(() =>
    tf.stack(floats.map(([, t]) => tf.logicalNot(tf.isFinite(t)).sum().toFloat())),
  );
  const values = await counts.data();
  counts.dispose();
  return floats.filter((_, i) => (values[i] ?? 0) > 0).map(([name]) => name);
}

/** Layers that only move values around: a softmax before them is still the last operation. */
const PASS_THROUGH = new Set([
  'Reshape',
  'Flatten',
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
]);

function activationOf(layer: tf.layers.Layer): string | null {
  if (layer.getClassName() === 'Softmax') return 'softmax';
  const a = layer.getConfig()['activation'];
  return typeof a === 'string' ? a.toLowerCase() : null;
}

function inboundLayer(layer: tf.layers.Layer): tf.layers.Layer | null {
  const inputs = layer.inboundNodes[0]?.inboundLayers ?? [];
  return inputs.length === 1 ? (inputs[0] ?? null) : null;
}

interface LogitsPlan {
  net: tf.LayersModel;
  notes: string[];
  /** a layer made for the plan, whose weights the model does not own */
  extra: tf.layers.Layer | null;
  /** 'rbf' when the model ends in an RBF layer (its scores are log-probabilities) */
  output: Extract<OutputKind, 'logits' | 'rbf'>;
}

/**
 * The network whose output is the logits: below a final softmax (reached through reshape-like
 * layers), else the model itself. A Dense/Conv layer with activation 'softmax' is cloned with
 * a linear activation and the same weights, so the attack sees its pre-activation.
 */
function logitsPlan(model: tf.LayersModel): LogitsPlan {
  let layer: tf.layers.Layer | null = model.layers[model.layers.length - 1] ?? null;
  // an RBF layer's scores are log p (e.g. this project's mnist-rbf exported): read as exp(s)
  if (layer?.getClassName() === 'RBF') return { net: model, notes: [], extra: null, output: 'rbf' };
  while (layer && PASS_THROUGH.has(layer.getClassName())) layer = inboundLayer(layer);
  const activation = layer ? activationOf(layer) : null;
  if (activation === 'sigmoid') {
    throw new OwnModelError(
      'the model ends in a sigmoid: the explorer attacks classifiers whose last layer gives logits or a softmax',
    );
  }
  if (!layer || activation !== 'softmax') {
    return {
      net: model,
      notes: ['no softmax at the end: the outputs are attacked as logits'],
      extra: null,
      output: 'logits',
    };
  }
  const className = layer.getClassName();
  if (className === 'Activation' || className === 'Softmax') {
    const input = layer.input;
    if (Array.isArray(input))
      throw new OwnModelError(`the softmax layer ${layer.name} has several inputs`);
    return {
      net: tf.model({ inputs: model.inputs, outputs: input }),
      notes: [
        `attacking the logits that feed the softmax layer ${layer.name} (a saturated softmax has weak gradients)`,
      ],
      extra: null,
      output: 'logits',
    };
  }
  // softmax inside a weighted layer: a linear copy with the same weights gives the logits
  const twin = linearTwin(model, layer);
  if (twin === null)
    throw new OwnModelError(`cannot read the logits of layer ${layer.name} (${className})`);
  return {
    net: twin.net,
    notes: [
      `the last layer ${layer.name} applies softmax inside: attacking its pre-softmax logits (same weights, linear activation)`,
    ],
    extra: twin.layer,
    output: 'logits',
  };
}

function outputSize(shape: readonly (number | null)[]): number {
  const dims = shape.slice(1);
  if (dims.some((d) => d === null))
    throw new OwnModelError(`the output shape [${shape.join(', ')}] is open`);
  const rank2 = dims.length === 1;
  const squeezed = dims.length === 3 && dims[0] === 1 && dims[1] === 1;
  if (!rank2 && !squeezed) {
    throw new OwnModelError(
      `the output has shape [${shape.map((d) => d ?? '?').join(', ')}]; the explorer needs one score per class ([batch, classes] or [batch, 1, 1, classes])`,
    );
  }
  return dims[dims.length - 1] as number;
}

async function loadLayers(
  artifacts: tf.io.ModelArtifacts,
  manifest: ModelManifest,
  names: string[] | null,
): Promise<LoadedOwnModel> {
  // built in two steps (tf.loadLayersModel leaks the new model's variables when the weights
  // do not fit): the topology with fresh variables, then the weights, freeing both on failure
  let model: tf.LayersModel;
  try {
    model = await tf.models.modelFromJSON({
      modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'],
    });
  } catch (e) {
    if (breakingCause(e) !== null) throw e; // the engine broke, not the model
    throw new OwnModelError(
      `its layers cannot be built (${messageOf(e)}): the explorer knows the standard Keras layers only`,
    );
  }
  const weights = tf.io.decodeWeights(
    artifacts.weightData ?? new ArrayBuffer(0),
    artifacts.weightSpecs ?? [],
  );
  try {
    writeWeights(model, weights);
  } catch (e) {
    model.dispose();
    if (breakingCause(e) !== null) throw e;
    throw new OwnModelError(`the weights do not match the model's layers (${messageOf(e)})`);
  } finally {
    tf.dispose(Object.values(weights));
  }
  let extra: tf.layers.Layer | null = null;
  const release = (): void => {
    model.dispose();
    extra?.dispose();
  };
  try {
    if (model.inputs.length !== 1)
      throw new OwnModelError(
        `the model has ${model.inputs.length} inputs; it needs exactly one image input`,
      );
    if (model.outputs.length !== 1)
      throw new OwnModelError(
        `the model has ${model.outputs.length} outputs; it needs exactly one`,
      );
    const bad = await nonFiniteWeights(model.weights.map((w) => [w.originalName, w.read()]));
    if (bad.length > 0) throw nanError(bad);
    const plan = logitsPlan(model);
    extra = plan.extra;
    const numClasses = outputSize(plan.net.outputs[0]?.shape ?? []);
    const resolved = {
      ...manifest,
      classNames: classNamesFor(numClasses, names),
      output: plan.output,
    };
    const classifier = classifierFromLayersModel(plan.net, resolved);
    return {
      manifest: resolved,
      model,
      classifier,
      notes: [...plan.notes, ...classifier.notes],
      parameterCount: model.countParams(),
      release,
    };
  } catch (e) {
    release();
    throw e;
  }
}

function nanError(bad: string[]): OwnModelError {
  const list = bad.slice(0, 3).join(', ') + (bad.length > 3 ? ` and ${bad.length - 3} more` : '');
  return new OwnModelError(
    `the weights hold NaN or infinite values (in ${list}): the model is broken (a diverged training run or a bad conversion). Export it again from a good checkpoint.`,
  );
}

async function loadGraph(
  artifacts: tf.io.ModelArtifacts,
  facts: ModelJsonFacts,
  manifest: ModelManifest,
  names: string[] | null,
): Promise<LoadedOwnModel> {
  let model: tf.GraphModel;
  try {
    model = await tf.loadGraphModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    throw new OwnModelError(`the weights do not match the graph (${messageOf(e)})`);
  }
  const release = (): void => model.dispose();
  try {
    const bad = await nonFiniteWeights(
      Object.entries(model.weights).flatMap(([name, ts]) =>
        ts.map((t): [string, tf.Tensor] => [name, t]),
      ),
    );
    if (bad.length > 0) throw nanError(bad);
    const outputNode = facts.graphOutput ?? model.outputNodes[0] ?? '';
    let size: { size: number; shape: number[] };
    try {
      size = await graphOutputSize(model, manifest.modelInputShape, outputNode);
    } catch (e) {
      throw new OwnModelError(
        `the graph does not run on a ${manifest.inputShape.join('x')} image (${messageOf(e)})`,
      );
    }
    outputSize([null, ...size.shape]);
    const resolved = {
      ...manifest,
      classNames: classNamesFor(size.size, names),
      output: 'logits' as const,
    };
    const classifier = classifierFromGraphModel(model, resolved, {
      outputNode,
      numClasses: size.size,
    });
    const notes = facts.graphSoftmax
      ? [`the graph ends in a softmax: attacking its input ${outputNode} (the logits)`]
      : [`attacking the graph's output ${outputNode} as logits`];
    const parameterCount = Object.values(model.weights)
      .flat()
      .reduce((n, t) => n + t.size, 0);
    return { manifest: resolved, model: null, classifier, notes, parameterCount, release };
  } catch (e) {
    release();
    throw e;
  }
}

/**
 * Downloads, checks and adapts an own model. `manifest.classNames` may be empty (names become
 * 'class 0..N-1'); otherwise their count must equal the model's outputs.
 */
export async function loadOwnModel(
  manifest: ModelManifest,
  fetchImpl: OwnFetch,
): Promise<LoadedOwnModel> {
  const names = manifest.classNames.length > 0 ? manifest.classNames : null;
  try {
    const { facts, artifacts } = await fetchOwnModel(manifest.url, fetchImpl);
    if (facts.format !== manifest.format) {
      throw new OwnModelError(
        `model.json is a ${facts.format} model, not a ${manifest.format} model`,
      );
    }
    return facts.format === 'graph'
      ? await loadGraph(artifacts, facts, manifest, names)
      : await loadLayers(artifacts, manifest, names);
  } catch (e) {
    if (e instanceof EngineError) throw e;
    if (e instanceof OwnModelError) throw failed(manifest, e.message, e);
    throw failed(manifest, `loading failed (${messageOf(e)})`, e);
  }
}
