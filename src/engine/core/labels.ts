/** Which label the untargeted loss J(x, y) uses: the true one or the model's own prediction. */
import type * as tf from '@tensorflow/tfjs';
import type { LabelSource } from '../api';
import type { Classifier } from './classifier';
import { EngineError } from './errors';
import { predictedLabels } from './predict';
import { readInt32 } from './tensors';
import type { LabelChoice } from './validate';

/**
 * Loss labels for a batch: `trueLabels` (one per image) for 'true', argmax of the logits for
 * 'predicted' (which avoids label leaking).
 */
export async function lossLabels(
  c: Classifier,
  x: tf.Tensor4D,
  labelSource: LabelSource,
  trueLabels?: Int32Array,
): Promise<Int32Array> {
  if (labelSource === 'predicted') {
    const predicted = predictedLabels(c, x);
    try {
      return await readInt32(predicted);
    } finally {
      predicted.dispose();
    }
  }
  if (trueLabels === undefined || trueLabels.length !== x.shape[0]) {
    throw new EngineError('invalid-argument', "labelSource 'true' needs one true label per image");
  }
  return Int32Array.from(trueLabels);
}

/** The loss label of one image [1, h, w, c] from an already validated choice. */
export async function lossLabelOf(
  c: Classifier,
  x: tf.Tensor4D,
  choice: LabelChoice,
): Promise<number> {
  const trueLabels = choice.trueLabel === undefined ? undefined : Int32Array.of(choice.trueLabel);
  const labels = await lossLabels(c, x, choice.labelSource, trueLabels);
  return labels[0] as number;
}
