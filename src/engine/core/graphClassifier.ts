/**
 * Adapts a tfjs GraphModel to the Classifier contract: pixels [0, 1] NHWC in, logits out, by
 * executing the graph up to one named node (the logits; the Softmax's input when the graph ends
 * in one) and reading its output as the loader decided (outputReaders). `execute` records its ops on the tape, so tf.grad flows through it like through a
 * LayersModel.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelManifest } from '../../models/manifest';
import type { Classifier } from './classifier';
import { EngineError } from './errors';
import { toModelRange } from './layersClassifier';
import { asLogits, type OutputReader } from './outputReaders';

export interface GraphClassifierOptions {
  /** the node whose output is the logits */
  outputNode: string;
  /** the number of classes after `read` (read by a trial run) */
  numClasses: number;
  /** how the node's output becomes logits (default: it is the logits) */
  read?: OutputReader;
}

export function classifierFromGraphModel(
  model: tf.GraphModel,
  manifest: ModelManifest,
  { outputNode, numClasses, read = asLogits }: GraphClassifierOptions,
): Classifier {
  const inputShape: [number, number, number] = [...manifest.inputShape];
  const modelInputShape = [...manifest.modelInputShape];
  const range = manifest.preprocessing.range;
  return {
    id: manifest.id,
    numClasses,
    inputShape,
    logits(images: tf.Tensor4D): tf.Tensor2D {
      return tf.tidy(() => {
        const batch = images.shape[0];
        const input = toModelRange(images.reshape([batch, ...modelInputShape]), range);
        const out = model.execute(input, outputNode);
        if (!(out instanceof tf.Tensor)) {
          throw new EngineError(
            'internal',
            `model ${manifest.id}: node ${outputNode} gave no tensor`,
          );
        }
        return read(out.reshape([batch, -1]) as tf.Tensor2D);
      });
    },
  };
}

/** Size of the node's output per image: a trial run on one zero image. */
export async function graphOutputSize(
  model: tf.GraphModel,
  modelInputShape: number[],
  outputNode: string,
): Promise<{ size: number; shape: number[] }> {
  const out = tf.tidy(() => model.execute(tf.zeros([1, ...modelInputShape]), outputNode));
  if (!(out instanceof tf.Tensor)) {
    tf.dispose(out);
    throw new EngineError('model-load-failed', `the graph's node ${outputNode} gave no tensor`);
  }
  const shape = out.shape.slice(1);
  out.dispose();
  return { size: shape.reduce((a, b) => a * b, 1), shape };
}
