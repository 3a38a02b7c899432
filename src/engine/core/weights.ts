/**
 * The first layer's weights as images (paper Fig. 2 and 3): one image per unit (dense), per
 * unit and piece (maxout), per filter (conv), or per class with [centre, precision] (RBF).
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerWeights } from '../api';
import type { ModelManifest } from '../../models/manifest';
import { EngineError } from './errors';
import { readFloat32 } from './tensors';

function weightNamed(layer: tf.layers.Layer, name: string): tf.LayerVariable | undefined {
  return layer.weights.find((w) => {
    const parts = w.originalName.split('/');
    return parts[parts.length - 1] === name;
  });
}

function needWeight(layer: tf.layers.Layer, name: string, rank: number): tf.Tensor {
  const variable = weightNamed(layer, name) ?? (name === 'kernel' ? layer.weights[0] : undefined);
  const value = variable?.read();
  if (value === undefined || value.rank !== rank) {
    throw new EngineError(
      'invalid-argument',
      `layer ${layer.name}: no rank-${rank} weight '${name}' to show`,
    );
  }
  return value;
}

function configNumber(layer: tf.layers.Layer, key: string): number | undefined {
  const value = layer.getConfig()[key];
  return typeof value === 'number' ? value : undefined;
}

/** [h, w, c] of a weight vector over the layer's input: the image itself when sizes match. */
function inputImageShape(manifest: ModelManifest, inputDim: number): [number, number, number] {
  const [h, w, c] = manifest.inputShape;
  return h * w * c === inputDim ? [h, w, c] : [1, inputDim, 1];
}

/** Builds the row-per-image tensor in a tidy, reads it back, frees it. */
async function readRows(make: () => tf.Tensor): Promise<Float32Array> {
  const rows = tf.tidy(make);
  try {
    return await readFloat32(rows);
  } finally {
    rows.dispose();
  }
}

export async function firstLayerWeights(
  model: tf.LayersModel,
  manifest: ModelManifest,
): Promise<LayerWeights> {
  const layer = model.layers.find((l) => l.weights.length > 0);
  if (layer === undefined) {
    throw new EngineError('invalid-argument', `model ${manifest.id} has no layer with weights`);
  }
  const className = layer.getClassName();
  const layerName = layer.name;

  switch (className) {
    case 'Dense': {
      // kernel [inputDim, units]: column u is unit u's weight image.
      const kernel = needWeight(layer, 'kernel', 2);
      const [inputDim, units] = kernel.shape as [number, number];
      const data = await readRows(() => kernel.transpose());
      const imageShape = inputImageShape(manifest, inputDim);
      return { layerName, kind: 'dense', units, pieces: 1, imageShape, data };
    }
    case 'Maxout': {
      // kernel [inputDim, units * pieces], column = unit * pieces + piece: the transpose is
      // already unit-major, piece-minor.
      const kernel = needWeight(layer, 'kernel', 2);
      const [inputDim, columns] = kernel.shape as [number, number];
      const units = configNumber(layer, 'units') ?? columns;
      const pieces = configNumber(layer, 'pieces') ?? columns / units;
      if (!Number.isInteger(pieces) || units * pieces !== columns) {
        throw new EngineError('invalid-argument', `maxout layer ${layerName}: bad units/pieces`);
      }
      const data = await readRows(() => kernel.transpose());
      const imageShape = inputImageShape(manifest, inputDim);
      return { layerName, kind: 'maxout', units, pieces, imageShape, data };
    }
    case 'RBF': {
      // mu and beta are [inputDim, classes]; shown per class as two "pieces": the centre mu_i
      // and the diagonal precision beta_i.
      const mu = needWeight(layer, 'mu', 2);
      const beta = needWeight(layer, 'beta', 2);
      const [inputDim, units] = mu.shape as [number, number];
      if (beta.shape.join() !== mu.shape.join()) {
        throw new EngineError('invalid-argument', `RBF layer ${layerName}: mu and beta differ`);
      }
      const data = await readRows(() => tf.stack([mu.transpose(), beta.transpose()], 1));
      const imageShape = inputImageShape(manifest, inputDim);
      return { layerName, kind: 'rbf', units, pieces: 2, imageShape, data };
    }
    case 'Conv2D': {
      // kernel [kh, kw, cin, cout]: filter f is the image kernel[:, :, :, f].
      const kernel = needWeight(layer, 'kernel', 4);
      const [kh, kw, cin, cout] = kernel.shape as [number, number, number, number];
      const data = await readRows(() => kernel.transpose([3, 0, 1, 2]));
      return { layerName, kind: 'conv', units: cout, pieces: 1, imageShape: [kh, kw, cin], data };
    }
    default:
      throw new EngineError(
        'invalid-argument',
        `first weighted layer ${layerName} is a ${className}; weight pictures need Dense, Maxout, RBF or Conv2D`,
      );
  }
}
