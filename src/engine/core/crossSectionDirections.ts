/**
 * The two directions of a cross-section plane through x: the FGSM direction sign(grad_x J)
 * (horizontal) and a seeded random direction orthogonal to it (vertical), both of max-norm 1.
 */
import * as tf from '@tensorflow/tfjs';
import type { ImageData01, LabelSource } from '../api';
import { createRng } from '../../shared/rng';
import type { Classifier } from './classifier';
import { gradientSign } from './gradient';
import { lossLabelOf } from './labels';
import { imageToTensor, readFloat32 } from './tensors';
import { checkImage, checkLabelChoice, checkSeed } from './validate';

export interface CrossSectionDirections {
  /** sign(grad_x J(x, lossLabel)), max-norm 1 */
  horizontal: Float32Array;
  /** seeded Gaussian, orthogonal to `horizontal`, max-norm 1 */
  vertical: Float32Array;
  lossLabel: number;
}

/**
 * v = g - (g.h / h.h) h (Gram-Schmidt in float64), then v / max|v|. Scaling keeps v.h = 0; when
 * h is all zeros (a saturated loss) there is nothing to remove and v is plain scaled noise.
 */
export function orthogonalDirection(horizontal: Float32Array, seed: number): Float32Array {
  const g = createRng(seed).fillGaussian(new Float64Array(horizontal.length));
  let gh = 0;
  let hh = 0;
  for (let i = 0; i < g.length; i++) {
    const h = horizontal[i] as number;
    gh += (g[i] as number) * h;
    hh += h * h;
  }
  const coefficient = hh > 0 ? gh / hh : 0;
  let maxAbs = 0;
  for (let i = 0; i < g.length; i++) {
    const v = (g[i] as number) - coefficient * (horizontal[i] as number);
    g[i] = v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const vertical = new Float32Array(g.length);
  if (maxAbs > 0) for (let i = 0; i < g.length; i++) vertical[i] = (g[i] as number) / maxAbs;
  return vertical;
}

/** The directions at x, whose arguments the caller has checked. */
export async function directionsOf(
  c: Classifier,
  x: tf.Tensor4D,
  labelSource: LabelSource,
  trueLabel: number | undefined,
  seed: number,
): Promise<CrossSectionDirections> {
  const lossLabel = await lossLabelOf(c, x, { labelSource, trueLabel });
  const d = tf.tidy(() => gradientSign(c, x, tf.tensor1d([lossLabel], 'int32')));
  let horizontal: Float32Array;
  try {
    horizontal = await readFloat32(d);
  } finally {
    d.dispose();
  }
  return { horizontal, vertical: orthogonalDirection(horizontal, seed), lossLabel };
}

export async function crossSectionDirections(
  c: Classifier,
  image: ImageData01,
  labelSource: LabelSource,
  trueLabel: number | undefined,
  seed: number,
): Promise<CrossSectionDirections> {
  checkImage(c.inputShape, image);
  const choice = checkLabelChoice(labelSource, trueLabel, c.numClasses);
  checkSeed(seed);
  const x = imageToTensor(image);
  try {
    return await directionsOf(c, x, choice.labelSource, choice.trueLabel, seed);
  } finally {
    x.dispose();
  }
}
