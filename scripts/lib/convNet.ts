/**
 * The CIFAR-10 photo model: a compact VGG-style network (the paper attacked a convolutional
 * maxout network; the issue accepts a VGG-style one). Blocks of two 3x3 'same' convolutions, each
 * followed by batch normalisation and ReLU, then 2x2 max pooling; a linear layer gives the logits.
 * Widths are small so that one epoch takes minutes on 2 CPU cores (see the recipe).
 */
import * as tf from '@tensorflow/tfjs';

export const CIFAR_BLOCK_WIDTHS = [24, 48, 96] as const;
export const CIFAR_INPUT_SHAPE: [number, number, number] = [32, 32, 3];

export function vggNet(
  seed: number,
  numClasses: number,
  widths: readonly number[] = CIFAR_BLOCK_WIDTHS,
): tf.Sequential {
  const model = tf.sequential();
  let layer = 0;
  widths.forEach((filters, block) => {
    for (let i = 1; i <= 2; i++) {
      layer++;
      model.add(
        tf.layers.conv2d({
          filters,
          kernelSize: 3,
          padding: 'same',
          // batch normalisation follows, so a bias would be redundant
          useBias: false,
          kernelInitializer: tf.initializers.heNormal({ seed: seed + layer }),
          name: `conv${block + 1}_${i}`,
          ...(layer === 1 ? { inputShape: CIFAR_INPUT_SHAPE } : {}),
        }),
      );
      model.add(tf.layers.batchNormalization({ name: `bn${block + 1}_${i}` }));
      model.add(tf.layers.reLU({ name: `relu${block + 1}_${i}` }));
    }
    model.add(tf.layers.maxPooling2d({ poolSize: 2, name: `pool${block + 1}` }));
  });
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(
    tf.layers.dense({
      units: numClasses,
      name: 'logits',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 100 }),
    }),
  );
  return model;
}

export function vggArchitecture(widths: readonly number[] = CIFAR_BLOCK_WIDTHS): string {
  const blocks = widths.map((w) => `[conv3x3 ${w}, BN, ReLU] x2, maxpool 2`).join(' -> ');
  const side = 32 / 2 ** widths.length;
  const last = widths[widths.length - 1] ?? 0;
  return `VGG-style CNN 32x32x3 -> ${blocks} -> flatten ${side * side * last} -> dense 10 (logits)`;
}
