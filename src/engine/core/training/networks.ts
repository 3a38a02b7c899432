/**
 * The paper's MNIST networks, built once for `npm run train`'s recipes and the Training lab:
 * softmax regression and a two-layer maxout network, seeded Glorot-uniform kernels and zero
 * biases, ending in logits. Dropout is not a layer here: the training step applies it.
 */
import * as tf from '@tensorflow/tfjs';
import { Maxout } from '../../layers/maxout';

/** max column norm of pylearn2's MNIST maxout recipe (Goodfellow et al. 2013) */
export const MAXOUT_MAX_NORM = 1.9365;

export function denseLayer(
  units: number,
  seed: number,
  name: string,
  inputDim?: number,
): tf.layers.Layer {
  return tf.layers.dense({
    units,
    name,
    ...(inputDim === undefined ? {} : { inputShape: [inputDim] }),
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    biasInitializer: 'zeros',
  });
}

/** Multinomial logistic regression: one dense layer inputDim -> numClasses. */
export function softmaxRegression(seed: number, inputDim: number, numClasses: number) {
  const model = tf.sequential();
  model.add(denseLayer(numClasses, seed, 'logits', inputDim));
  return model;
}

export interface MaxoutShape {
  units: number;
  pieces: number;
}

/** inputDim -> maxout units x pieces -> maxout units x pieces -> dense numClasses. */
export function maxoutNetwork(
  shape: MaxoutShape,
  seed: number,
  inputDim: number,
  numClasses: number,
): tf.Sequential {
  const model = tf.sequential();
  const common = { units: shape.units, pieces: shape.pieces, maxNorm: MAXOUT_MAX_NORM };
  model.add(new Maxout({ ...common, seed, name: 'maxout1', inputShape: [inputDim] }));
  model.add(new Maxout({ ...common, seed: seed + 1, name: 'maxout2' }));
  model.add(denseLayer(numClasses, seed + 2, 'logits'));
  return model;
}
