/** Checks shared by the own LayersModel and GraphModel loaders; failures are OwnModelErrors. */
import * as tf from '@tensorflow/tfjs';
import { OwnModelError } from '../../models/ownModelError';
import { breakingCause } from '../breakage';

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Lets an error that broke the backend (breakage.ts) through unchanged: blamed on the model it
 * would not restart the engine, and the next model would fail in confusing ways (issue 13).
 */
export function rethrowBreaking(e: unknown): void {
  if (breakingCause(e) !== null) throw e;
}

/** Names of the weights holding NaN or +-Inf (counted with tf ops on the backend). */
async function nonFiniteWeights(named: [string, tf.Tensor][]): Promise<string[]> {
  const floats = named.filter(([, t]) => t.dtype === 'float32');
  if (floats.length === 0) return [];
  const counts = tf.tidy(() =>
    tf.stack(floats.map(([, t]) => tf.logicalNot(tf.isFinite(t)).sum().toFloat())),
  );
  const values = await counts.data();
  counts.dispose();
  return floats.filter((_, i) => (values[i] ?? 0) > 0).map(([name]) => name);
}

export async function refuseNonFinite(named: [string, tf.Tensor][]): Promise<void> {
  const bad = await nonFiniteWeights(named);
  if (bad.length === 0) return;
  const list = bad.slice(0, 3).join(', ') + (bad.length > 3 ? ` and ${bad.length - 3} more` : '');
  throw new OwnModelError(
    `the weights hold NaN or infinite values (in ${list}): the model is broken (a diverged training run or a bad conversion). Export it again from a good checkpoint.`,
  );
}

/** Values per image of an output of shape [batch, C] or [batch, 1, 1, C]. */
export function outputSize(shape: readonly (number | null)[]): number {
  const dims = shape.slice(1);
  if (dims.some((d) => d === null))
    throw new OwnModelError(`the output shape [${shape.join(', ')}] is open`);
  const rank2 = dims.length === 1;
  const squeezed = dims.length === 3 && dims[0] === 1 && dims[1] === 1;
  if (!rank2 && !squeezed) {
    throw new OwnModelError(
      `the output has shape [${shape.map((d) => d ?? '?').join(', ')}]; the explorer needs one score per class ([batch, classes] or [batch, 1, 1, classes])`,
    );
  }
  return dims[dims.length - 1] as number;
}

/** Classes the classifier gives: one sigmoid unit is read as two. */
export const classCount = (outputs: number, read: string): number =>
  read.startsWith('binary') ? 2 : outputs;
