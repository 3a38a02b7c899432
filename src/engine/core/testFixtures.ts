/**
 * Small models and images for the engine-core unit tests (imported only by *.test.ts files).
 */
import * as tf from '@tensorflow/tfjs';
import type { ImageData01 } from '../api';
import type { ModelManifest, OutputKind } from '../../models/manifest';
import { createRng } from '../../shared/rng';

export async function useCpuBackend(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

export function testManifest(
  inputShape: [number, number, number],
  numClasses: number,
  output: OutputKind = 'logits',
  extra: Partial<ModelManifest> = {},
): ModelManifest {
  const [h, w, c] = inputShape;
  return {
    id: 'test-model',
    title: 'test model',
    dataset: 'custom',
    classNames: Array.from({ length: numClasses }, (_, i) => `class ${i}`),
    inputShape,
    modelInputShape: [h * w * c],
    preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
    output,
    format: 'layers',
    url: 'test/model.json',
    architecture: 'test',
    ...extra,
  };
}

/** Seeded values in [lo, hi). */
export function seededValues(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  return createRng(seed).fillUniform(new Float32Array(n), lo, hi);
}

export function seededImage(shape: [number, number, number], seed: number): ImageData01 {
  const [height, width, channels] = shape;
  return { data: seededValues(height * width * channels, seed, 0, 1), height, width, channels };
}

export function constantImage(shape: [number, number, number], value: number): ImageData01 {
  const [height, width, channels] = shape;
  return { data: new Float32Array(height * width * channels).fill(value), height, width, channels };
}

/** Dense(units) on flat inputs with the given kernel [inputDim, units] and bias. */
export function denseModel(
  kernel: Float32Array,
  bias: Float32Array,
  inputDim: number,
  activation: 'linear' | 'softmax' | 'sigmoid' = 'linear',
): tf.Sequential {
  const units = bias.length;
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [inputDim], units, activation, name: 'logits' })],
  });
  model.setWeights([tf.tensor2d(kernel, [inputDim, units]), tf.tensor1d(bias)]);
  return model;
}

/** A seeded ReLU MLP inputDim -> hidden -> classes (logits). */
export function mlpModel(inputDim: number, hidden: number, classes: number, seed: number) {
  return tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [inputDim],
        units: hidden,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
        biasInitializer: tf.initializers.randomNormal({ stddev: 0.1, seed: seed + 1 }),
      }),
      tf.layers.dense({
        units: classes,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }),
      }),
    ],
  });
}

export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i] as number));
  return m;
}
