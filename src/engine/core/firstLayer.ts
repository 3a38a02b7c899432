/**
 * The first layer of an MLP is affine in the pixels, so along a line or a plane through x it
 * needs only a few products: W(x + a d1 + b d2) = Wx + a Wd1 + b Wd2. Sweeps and cross-sections
 * (without clipping, which is not linear) use this to skip the first-layer matMul of every
 * grid point - most of an MLP's cost. Built for plain chains whose first layer is Dense or
 * Maxout on flat inputs; any other model keeps the generic path.
 */
import * as tf from '@tensorflow/tfjs';
import type { InputRange } from '../../models/manifest';
import type { Classifier } from './classifier';

export interface FirstLayerSplit {
  /** first-layer pre-activations of pixel images [n, h, w, c] -> [n, k]: affine in the pixels */
  preactivation(images: tf.Tensor4D): tf.Tensor2D;
  /** the linear part alone: how the pre-activations change per unit step along each direction */
  linear(directions: tf.Tensor4D): tf.Tensor2D;
  /** logits from first-layer pre-activations [n, k] -> [n, numClasses] */
  logitsFrom(preactivations: tf.Tensor2D): tf.Tensor2D;
}

/** A classifier that may expose its first affine layer (LayersClassifier does, for MLPs). */
export interface SplittableClassifier extends Classifier {
  readonly firstLayer?: FirstLayerSplit;
}

export function firstLayerOf(c: Classifier): FirstLayerSplit | undefined {
  return (c as SplittableClassifier).firstLayer;
}

/** Pixels p to the model's range as scale * p + offset (see toModelRange). */
const RANGE_AFFINE: Record<InputRange, [number, number]> = {
  '0-1': [1, 0],
  '-1-1': [2, -1],
  '0-255': [255, 0],
};

const ACTIVATIONS: Record<string, (z: tf.Tensor2D) => tf.Tensor2D> = {
  linear: (z) => z,
  relu: (z) => tf.relu(z),
  sigmoid: (z) => tf.sigmoid(z),
  tanh: (z) => tf.tanh(z),
  softmax: (z) => tf.softmax(z),
};

/** The layers after the input, when each one takes exactly the previous one's single output. */
function chainOf(net: tf.LayersModel): tf.layers.Layer[] | null {
  if (net.inputs.length !== 1 || net.outputs.length !== 1) return null;
  const layers = net.layers.filter((l) => l.getClassName() !== 'InputLayer');
  for (let i = 1; i < layers.length; i++) {
    const nodes = (layers[i] as tf.layers.Layer).inboundNodes;
    const from = nodes[0]?.inboundLayers;
    if (nodes.length !== 1 || from?.length !== 1 || from[0] !== layers[i - 1]) return null;
  }
  return layers.length > 0 ? layers : null;
}

/** What turns the first layer's pre-activations into its output, or null when unsupported. */
function firstActivation(layer: tf.layers.Layer): ((z: tf.Tensor2D) => tf.Tensor2D) | null {
  const config = layer.getConfig();
  switch (layer.getClassName()) {
    case 'Dense': {
      const name = typeof config['activation'] === 'string' ? config['activation'] : 'linear';
      return ACTIVATIONS[name] ?? null;
    }
    case 'Maxout': {
      const units = config['units'];
      const pieces = config['pieces'];
      if (typeof units !== 'number' || typeof pieces !== 'number') return null;
      return (z) => tf.max(z.reshape([-1, units, pieces]), 2) as tf.Tensor2D;
    }
    default:
      return null;
  }
}

/**
 * The split of `net` (flat input of `inputSize` values in `range`) whose logits are
 * `readLogits(net output)`, or undefined when the model is not such an MLP.
 */
export function splitFirstLayer(
  net: tf.LayersModel,
  inputSize: number,
  range: InputRange,
  readLogits: (out: tf.Tensor2D) => tf.Tensor2D,
): FirstLayerSplit | undefined {
  const inputShape = net.inputs[0]?.shape;
  if (inputShape?.length !== 2 || inputShape[1] !== inputSize) return undefined;
  const layers = chainOf(net);
  const first = layers?.[0];
  if (!layers || !first) return undefined;
  const activation = firstActivation(first);
  const weights = first.getWeights();
  const kernelShape = weights[0]?.shape;
  if (!activation || weights.length > 2 || kernelShape?.[0] !== inputSize) return undefined;
  const [scale, offset] = RANGE_AFFINE[range];
  const rest = layers.slice(1);
  const kernel = (): tf.Tensor2D => first.getWeights()[0] as tf.Tensor2D;
  const bias = (): tf.Tensor | undefined => first.getWeights()[1];
  const flat = (t: tf.Tensor4D): tf.Tensor2D => t.reshape([t.shape[0], inputSize]);

  return {
    preactivation: (images) =>
      tf.tidy(() => {
        const input = tf.add(tf.mul(flat(images), scale), offset) as tf.Tensor2D;
        const z = tf.matMul(input, kernel()) as tf.Tensor2D;
        const b = bias();
        return b === undefined ? z : (tf.add(z, b) as tf.Tensor2D);
      }),
    linear: (directions) =>
      tf.tidy(() => tf.matMul(tf.mul(flat(directions), scale), kernel()) as tf.Tensor2D),
    logitsFrom: (preactivations) =>
      tf.tidy(() => {
        let h: tf.Tensor = activation(preactivations);
        for (const layer of rest) {
          const out = layer.apply(h, { training: false });
          if (!(out instanceof tf.Tensor)) throw new Error(`layer ${layer.name}: not one tensor`);
          h = out;
        }
        return readLogits(h.reshape([preactivations.shape[0], -1]) as tf.Tensor2D);
      }),
  };
}
