/**
 * Runs an own model's own output on a few fixed probe images, so ownOutputPlan can tell
 * probabilities (non-negative rows summing to 1) from logits by the numbers, whatever op made
 * them. Deterministic: the peers, which load the same model, decide the same way.
 */
import * as tf from '@tensorflow/tfjs';
import type { InputRange } from '../../models/manifest';
import { toModelRange } from '../core/layersClassifier';
import { PROBE_COUNT } from './ownOutputPlan';

/** [PROBE_COUNT, H, W, C] pixels in [0, 1]: mid grey, a smooth pattern, a hard pattern. */
function probeImages(shape: readonly [number, number, number]): tf.Tensor4D {
  const size = shape[0] * shape[1] * shape[2];
  const data = new Float32Array(PROBE_COUNT * size);
  for (let i = 0; i < size; i++) {
    data[i] = 0.5;
    data[size + i] = 0.5 + 0.45 * Math.sin(i / 7.3);
    data[2 * size + i] = (i * 2654435761) % 7 < 3 ? 0.9 : 0.1;
  }
  return tf.tensor4d(data, [PROBE_COUNT, ...shape]);
}

export interface ProbeValues {
  values: Float32Array;
  /** values per image */
  cols: number;
}

/** `run` maps a batch at the model's range and input shape to the model's output. */
export async function probeOutput(
  run: (input: tf.Tensor) => tf.Tensor,
  imageShape: readonly [number, number, number],
  modelInputShape: readonly number[],
  range: InputRange,
): Promise<ProbeValues> {
  const out = tf.tidy(() => {
    const images = probeImages(imageShape);
    const input = toModelRange(images.reshape([PROBE_COUNT, ...modelInputShape]), range);
    return run(input).reshape([PROBE_COUNT, -1]);
  });
  try {
    return { values: (await out.data()) as Float32Array, cols: out.shape[1] ?? 0 };
  } finally {
    out.dispose();
  }
}
