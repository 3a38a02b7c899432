/**
 * Adapts a tfjs LayersModel and its manifest to the Classifier contract: pixels [0, 1] NHWC in,
 * logits out. Input reshaping, the model's value range and its output kind are handled here
 * once, so every attack is written against logits of pixel images.
 */
import * as tf from '@tensorflow/tfjs';
import type { InputRange, ModelManifest } from '../../models/manifest';
import type { ProbabilityRule } from './classifier';
import { EngineError } from './errors';
import { splitFirstLayer, type SplittableClassifier } from './firstLayer';
import {
  asLogits,
  fromBinaryLogit,
  fromBinaryProbability,
  fromProbabilities,
  type OutputReader,
} from './outputReaders';

export interface LayersClassifier extends SplittableClassifier {
  /** what the adapter does with this model's output, for the user (LoadedModelInfo.notes) */
  readonly notes: readonly string[];
}

function loadFailed(manifest: ModelManifest, message: string): never {
  throw new EngineError('model-load-failed', `model ${manifest.id}: ${message}`);
}

/** Pixels [0, 1] to the model's own value range. */
export function toModelRange(x: tf.Tensor, range: InputRange): tf.Tensor {
  switch (range) {
    case '0-1':
      return x;
    case '-1-1':
      return x.mul(2).sub(1);
    case '0-255':
      return x.mul(255);
  }
}

/** 'softmax' / 'sigmoid' when the model's last layer applies one, else null. */
function finalActivation(layer: tf.layers.Layer): string | null {
  if (layer.getClassName() === 'Softmax') return 'softmax';
  const activation = layer.getConfig()['activation'];
  return typeof activation === 'string' ? activation.toLowerCase() : null;
}

function singleOutput(
  manifest: ModelManifest,
  output: tf.SymbolicTensor | tf.SymbolicTensor[],
): tf.SymbolicTensor {
  if (Array.isArray(output)) {
    if (output.length !== 1 || output[0] === undefined) loadFailed(manifest, 'expected one output');
    return output[0];
  }
  return output;
}

function lastDim(shape: readonly (number | null)[]): number | null {
  return shape[shape.length - 1] ?? null;
}

interface Plan {
  net: tf.LayersModel;
  read: OutputReader;
  notes: string[];
  /** default 'softmax' */
  rule?: ProbabilityRule;
}

function subModel(model: tf.LayersModel, output: tf.SymbolicTensor): tf.LayersModel {
  return tf.model({ inputs: model.inputs, outputs: output });
}

/** Decides, once, which network to run and how to turn its output into logits. */
function plan(model: tf.LayersModel, manifest: ModelManifest, numClasses: number): Plan {
  const last = model.layers[model.layers.length - 1];
  if (last === undefined) loadFailed(manifest, 'the model has no layers');
  const activation = finalActivation(last);
  const outputDim = lastDim(singleOutput(manifest, model.outputs).shape);
  const expectDim = (dim: number | null, want: number, what: string): void => {
    if (dim !== want) loadFailed(manifest, `${what} has ${dim} units, expected ${want}`);
  };

  switch (manifest.output) {
    case 'logits':
      if (activation === 'softmax' || activation === 'sigmoid') {
        loadFailed(manifest, `output 'logits' but the last layer applies ${activation}`);
      }
      expectDim(outputDim, numClasses, 'the output');
      return { net: model, read: asLogits, notes: [] };
    case 'binary-logit':
      if (numClasses !== 2) loadFailed(manifest, "output 'binary-logit' needs two class names");
      expectDim(outputDim, 1, 'the output');
      if (activation === 'sigmoid') {
        return {
          net: model,
          read: fromBinaryProbability,
          notes: ['the model ends in a sigmoid: attacking log-probabilities'],
        };
      }
      return { net: model, read: fromBinaryLogit, notes: [] };
    case 'rbf':
      // exp(s) <= 1 only holds for an RBF layer's s <= 0, so nothing else may claim this kind.
      if (last.getClassName() !== 'RBF') {
        loadFailed(manifest, `output 'rbf' needs an RBF last layer, got ${last.getClassName()}`);
      }
      expectDim(outputDim, numClasses, 'the output');
      return {
        net: model,
        // FGSM is unchanged: it raises the softmax cross-entropy of s, as for any logits.
        read: asLogits,
        rule: 'exp',
        notes: [
          "RBF scores s = log p: probabilities are exp(s), unnormalised (the paper's RBF confidence); FGSM raises the softmax cross-entropy of s",
        ],
      };
    case 'probabilities': {
      if (manifest.logitsLayer !== undefined) {
        let output: tf.SymbolicTensor;
        try {
          output = singleOutput(manifest, model.getLayer(manifest.logitsLayer).output);
        } catch (e) {
          if (e instanceof EngineError) throw e;
          loadFailed(manifest, `no usable logits layer '${manifest.logitsLayer}'`);
        }
        expectDim(lastDim(output.shape), numClasses, `layer ${manifest.logitsLayer}`);
        return {
          net: subModel(model, output),
          read: asLogits,
          notes: [`attacking the logits of layer ${manifest.logitsLayer}`],
        };
      }
      expectDim(outputDim, numClasses, 'the output');
      // A separate softmax layer: its input is the logits, no manifest entry needed.
      const lastClass = last.getClassName();
      if (activation === 'softmax' && (lastClass === 'Activation' || lastClass === 'Softmax')) {
        return {
          net: subModel(model, singleOutput(manifest, last.input)),
          read: asLogits,
          notes: [`attacking the logits that feed the final softmax layer ${last.name}`],
        };
      }
      return {
        net: model,
        read: fromProbabilities,
        notes: [
          'no logits layer: attacking log-probabilities (gradients vanish where p rounds to exactly 1)',
        ],
      };
    }
  }
}

/**
 * `read` given (own models, whose output kind the loader decided): the model's output goes
 * through it as is, and the manifest's `output` is not consulted.
 */
export function classifierFromLayersModel(
  model: tf.LayersModel,
  manifest: ModelManifest,
  read?: OutputReader,
): LayersClassifier {
  const numClasses = manifest.classNames.length;
  const inputShape: [number, number, number] = [...manifest.inputShape];
  const modelInputShape = [...manifest.modelInputShape];
  const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
  if (size(inputShape) !== size(modelInputShape)) {
    loadFailed(manifest, `inputShape ${inputShape} and modelInputShape ${modelInputShape} differ`);
  }
  const declared = model.inputs[0]?.shape.slice(1) ?? [];
  if (
    declared.length !== modelInputShape.length ||
    declared.some((d, i) => d !== null && d !== modelInputShape[i])
  ) {
    loadFailed(manifest, `the model wants [${declared}], the manifest says [${modelInputShape}]`);
  }
  const {
    net,
    read: reader,
    notes,
    rule,
  } = read ? { net: model, read, notes: [], rule: undefined } : plan(model, manifest, numClasses);
  const range = manifest.preprocessing.range;
  // MLPs on flat inputs: sweeps and cross-sections can skip most first-layer products
  const firstLayer =
    modelInputShape.length === 1
      ? splitFirstLayer(net, size(modelInputShape), range, reader)
      : undefined;

  return {
    id: manifest.id,
    numClasses,
    inputShape,
    notes,
    ...(firstLayer ? { firstLayer } : {}),
    ...(rule ? { probabilityRule: rule } : {}),
    logits(images: tf.Tensor4D): tf.Tensor2D {
      return tf.tidy(() => {
        const batch = images.shape[0];
        const input = toModelRange(images.reshape([batch, ...modelInputShape]), range);
        const out = net.apply(input, { training: false });
        if (!(out instanceof tf.Tensor)) {
          throw new EngineError('internal', `model ${manifest.id} did not return one tensor`);
        }
        return reader(out.reshape([batch, -1]));
      });
    },
  };
}
