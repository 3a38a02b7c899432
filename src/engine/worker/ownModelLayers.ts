/**
 * An own LayersModel, built from memory and adapted to the Classifier contract. Its head (a
 * softmax or sigmoid, as a layer of its own or inside the last Dense/Conv layer, reached
 * through reshape-like layers) and its numbers on probe inputs decide how its output is read
 * (ownOutputPlan); below a head the attack uses the logits that feed it. An RBF last layer
 * is read as 'rbf' (scores log p, probabilities exp(s)).
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelManifest } from '../../models/manifest';
import { OwnModelError } from '../../models/ownModelError';
import { outputKindOf } from '../../models/ownModelOutput';
import { classNamesFor } from '../../models/ownModelManifest';
import { classifierFromLayersModel } from '../core';
import { linearTwin } from '../core/linearTwin';
import { writeWeights } from '../core/modelLoading';
import { OUTPUT_READERS } from '../core/outputReaders';
import {
  classCount,
  messageOf,
  outputSize,
  refuseNonFinite,
  rethrowBreaking,
} from './ownModelChecks';
import type { LoadedOwnModel } from './ownModelTypes';
import { decideOutput, probeVerdict, type HeadFound } from './ownOutputPlan';
import { probeOutput } from './ownOutputProbe';
import { expectedWeights, weightSpecProblem } from './ownWeightSpecs';

/** Layers that only move values around: a softmax before them is still the last operation. */
const PASS_THROUGH = new Set([
  'Reshape',
  'Flatten',
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'Permute',
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

const passesThrough = (layer: tf.layers.Layer): boolean =>
  PASS_THROUGH.has(layer.getClassName()) ||
  (layer.getClassName() === 'Activation' && activationOf(layer) === 'linear');

interface LayerHead extends HeadFound {
  layer: tf.layers.Layer;
}

/** The softmax or sigmoid the model ends in, through pass-through layers; null when none. */
function findHead(model: tf.LayersModel): LayerHead | null {
  let layer: tf.layers.Layer | null = model.layers[model.layers.length - 1] ?? null;
  const after: string[] = [];
  while (layer && passesThrough(layer)) {
    after.unshift(layer.name);
    layer = inboundLayer(layer);
  }
  const activation = layer ? activationOf(layer) : null;
  if (!layer || (activation !== 'softmax' && activation !== 'sigmoid')) return null;
  const separate = ['Activation', 'Softmax'].includes(layer.getClassName());
  const where =
    `the model ends in ${activation} (${separate ? 'layer' : 'inside layer'} ${layer.name}` +
    `${after.length > 0 ? `, then ${after.join(', ')}` : ''})`;
  return { kind: activation, where, layer };
}

interface BelowHead {
  net: tf.LayersModel;
  notes: string[];
  /** a layer made for it, whose weights the model does not own */
  extra: tf.layers.Layer | null;
}

/** The network up to the head's input: its logits. */
function belowHead(model: tf.LayersModel, { layer, kind }: LayerHead): BelowHead {
  const className = layer.getClassName();
  if (className === 'Activation' || className === 'Softmax') {
    const input = layer.input;
    if (Array.isArray(input))
      throw new OwnModelError(`the ${kind} layer ${layer.name} has several inputs`);
    return {
      net: tf.model({ inputs: model.inputs, outputs: input }),
      notes: [`attacking the logits that feed the ${kind} layer ${layer.name}`],
      extra: null,
    };
  }
  // the activation inside a weighted layer: a linear copy with the same weights gives the logits
  const twin = linearTwin(model, layer);
  if (twin === null)
    throw new OwnModelError(`cannot read the logits of layer ${layer.name} (${className})`);
  return {
    net: twin.net,
    notes: [
      `the last layer ${layer.name} applies ${kind} inside: attacking its pre-${kind} logits (same weights, linear activation)`,
    ],
    extra: twin.layer,
  };
}

async function build(
  artifacts: tf.io.ModelArtifacts,
  weightFiles: Readonly<Record<string, string>>,
): Promise<tf.LayersModel> {
  // built in two steps (tf.loadLayersModel leaks the new model's variables when the weights
  // do not fit): the topology with fresh variables, then the weights, freeing both on failure
  let model: tf.LayersModel;
  try {
    model = await tf.models.modelFromJSON({
      modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'],
    });
  } catch (e) {
    rethrowBreaking(e);
    throw new OwnModelError(
      `its layers cannot be built (${messageOf(e)}): the explorer knows the standard Keras layers only`,
    );
  }
  const problem = weightSpecProblem(
    expectedWeights(model),
    artifacts.weightSpecs ?? [],
    weightFiles,
  );
  if (problem !== null) {
    model.dispose();
    throw new OwnModelError(problem);
  }
  const weights = tf.io.decodeWeights(
    artifacts.weightData ?? new ArrayBuffer(0),
    artifacts.weightSpecs ?? [],
  );
  try {
    writeWeights(model, weights);
  } catch (e) {
    model.dispose();
    rethrowBreaking(e);
    throw new OwnModelError(`the weights do not match the model's layers (${messageOf(e)})`);
  } finally {
    tf.dispose(Object.values(weights));
  }
  return model;
}

function rbfModel(model: tf.LayersModel, manifest: ModelManifest, names: string[] | null) {
  const resolved = {
    ...manifest,
    classNames: classNamesFor(outputSize(model.outputs[0]?.shape ?? []), names),
    output: 'rbf' as const,
  };
  const classifier = classifierFromLayersModel(model, resolved);
  const how = 'the model ends in an RBF layer: its scores are log-probabilities';
  return {
    resolved,
    classifier,
    notes: [...classifier.notes],
    report: { kind: 'rbf' as const, choice: 'auto' as const, how },
  };
}

export async function loadLayers(
  artifacts: tf.io.ModelArtifacts,
  manifest: ModelManifest,
  names: string[] | null,
  weightFiles: Readonly<Record<string, string>> = {},
): Promise<LoadedOwnModel> {
  const model = await build(artifacts, weightFiles);
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
    await refuseNonFinite(model.weights.map((w) => [w.originalName, w.read()]));
    const parameterCount = model.countParams();
    if (model.layers[model.layers.length - 1]?.getClassName() === 'RBF') {
      const { resolved, classifier, notes, report } = rbfModel(model, manifest, names);
      return { manifest: resolved, model, classifier, notes, report, parameterCount, release };
    }
    const head = findHead(model);
    const outputs = outputSize(model.outputs[0]?.shape ?? []);
    const probe = await probeOutput(
      (x) => model.apply(x, { training: false }) as tf.Tensor,
      manifest.inputShape,
      manifest.modelInputShape,
      manifest.preprocessing.range,
    );
    const choice = manifest.outputChoice ?? 'auto';
    const decided = decideOutput({
      choice,
      head,
      verdict: probeVerdict(probe.values, probe.cols),
      outputs,
    });
    const below = decided.belowHead && head ? belowHead(model, head) : null;
    extra = below?.extra ?? null;
    const net = below?.net ?? model;
    const numClasses = classCount(outputSize(net.outputs[0]?.shape ?? []), decided.read);
    const resolved = {
      ...manifest,
      classNames: classNamesFor(numClasses, names),
      output: outputKindOf(decided.kind),
    };
    const classifier = classifierFromLayersModel(net, resolved, OUTPUT_READERS[decided.read]);
    return {
      manifest: resolved,
      model,
      classifier,
      notes: [decided.report.how, ...(below?.notes ?? [])],
      report: decided.report,
      parameterCount,
      release,
    };
  } catch (e) {
    release();
    throw e;
  }
}
