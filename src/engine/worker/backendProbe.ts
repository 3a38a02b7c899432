/**
 * The workload timed on each candidate backend: one FGSM step on a 784-1200-10 ReLU MLP (the
 * paper's MNIST scale) for a batch of 32 - gradient of the cross-entropy, sign, step, clip, and
 * a forward pass on the result, read back like the engine reads its results.
 */
import * as tf from '@tensorflow/tfjs';

const BATCH = 32;
const INPUTS = 784;
const HIDDEN = 1200;
const CLASSES = 10;

export interface Probe {
  /** one run on the current backend; resolves to its duration in milliseconds */
  runOnce(): Promise<number>;
  dispose(): void;
}

/** Builds the probe's tensors on the backend that is active now. */
export function createProbe(): Probe {
  const held = tf.tidy(() => ({
    w1: tf.randomUniform([INPUTS, HIDDEN], -0.05, 0.05, 'float32', 1),
    w2: tf.randomUniform([HIDDEN, CLASSES], -0.05, 0.05, 'float32', 2),
    x: tf.randomUniform([BATCH, INPUTS], 0, 1, 'float32', 3) as tf.Tensor2D,
    labels: tf.oneHot(
      tf.tensor1d(
        Array.from({ length: BATCH }, (_, i) => i % CLASSES),
        'int32',
      ),
      CLASSES,
    ),
  }));
  const logits = (input: tf.Tensor): tf.Tensor2D =>
    tf.matMul(tf.relu(tf.matMul(input as tf.Tensor2D, held.w1)), held.w2);
  const gradient = tf.grad((input: tf.Tensor) =>
    tf.losses.softmaxCrossEntropy(held.labels, logits(input)),
  );

  return {
    async runOnce() {
      const start = performance.now();
      const out = tf.tidy(() => {
        const adversarial = held.x.add(gradient(held.x).sign().mul(0.1)).clipByValue(0, 1);
        return tf.softmax(logits(adversarial));
      });
      try {
        await out.data();
      } finally {
        out.dispose();
      }
      return performance.now() - start;
    },
    dispose() {
      tf.dispose([held.w1, held.w2, held.x, held.labels]);
    },
  };
}
