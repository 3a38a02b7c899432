/**
 * Section 1's arithmetic: a linear score w·x, and how far a perturbation η with ‖η‖∞ ≤ ε can move
 * it. The worst case is η = ε·sign(w), which moves it by exactly ε·‖w‖₁; that grows like n while
 * each input moves by at most ε. Random signs of the same size move it by about ε·‖w‖₂, which
 * grows only like √n. Float64 throughout: the figure quotes these sums to several digits.
 */
import { createRng } from '../../shared/rng';

/** The input sizes the figure names: a handful, MNIST (28×28), CIFAR-10 (32×32×3), ImageNet. */
export const LANDMARK_DIMENSIONS: readonly { n: number; label: string }[] = [
  { n: 10, label: '10' },
  { n: 784, label: 'MNIST, 28×28' },
  { n: 3072, label: 'CIFAR-10, 32×32×3' },
  { n: 150528, label: 'ImageNet crop, 224×224×3' },
];

export const MIN_DIMENSION = 10;
export const MAX_DIMENSION = 150528;

/** Steps of the n slider, spaced evenly in log n. */
export const DIMENSION_SLIDER_STEPS = 1000;

export interface DemoVectors {
  /** weights w_i ~ U(−1, 1) */
  weights: Float64Array;
  /** random signs ±1, for the noise control */
  signs: Float64Array;
}

/**
 * Weights and noise signs for every n up to `maxN`: the vectors for a smaller n are prefixes of
 * these, so moving the n slider adds or removes inputs and never redraws the others.
 */
export function demoVectors(maxN: number = MAX_DIMENSION, seed = 2015): DemoVectors {
  const weights = createRng(seed).fillUniform(new Float64Array(maxN), -1, 1);
  const signs = createRng(seed + 1).fillSign(new Float64Array(maxN), 1);
  return { weights, signs };
}

export interface DotProductNumbers {
  n: number;
  eps: number;
  /** ‖w‖₁ over the first n weights */
  l1: number;
  /** ‖w‖₂ over the first n weights */
  l2: number;
  /** ‖w‖₁ / n: the size of a typical weight */
  meanAbsWeight: number;
  /** the largest change of any one input: ‖η‖∞ = ε for both perturbations */
  maxInputChange: number;
  /** w·η for η = ε·sign(w), summed term by term */
  adversarialChange: number;
  /** ε·‖w‖₁, the closed form the sum must equal */
  adversarialBound: number;
  /** w·η for η = ε·(random signs): one draw */
  randomChange: number;
  /** ε·‖w‖₂: the standard deviation of w·η over random sign draws */
  randomTypical: number;
}

/** The numbers of the figure for the first `n` entries of `vectors` and this ε. */
export function dotProductNumbers(vectors: DemoVectors, n: number, eps: number): DotProductNumbers {
  if (!Number.isInteger(n) || n < 1 || n > vectors.weights.length) {
    throw new RangeError(`n must be an integer in [1, ${vectors.weights.length}], got ${n}`);
  }
  if (!Number.isFinite(eps) || eps < 0) throw new RangeError(`eps must be >= 0, got ${eps}`);
  let l1 = 0;
  let sumSquares = 0;
  let adversarial = 0;
  let random = 0;
  for (let i = 0; i < n; i++) {
    const w = vectors.weights[i] ?? 0;
    l1 += Math.abs(w);
    sumSquares += w * w;
    adversarial += w * eps * Math.sign(w);
    random += w * eps * (vectors.signs[i] ?? 0);
  }
  const l2 = Math.sqrt(sumSquares);
  return {
    n,
    eps,
    l1,
    l2,
    meanAbsWeight: l1 / n,
    maxInputChange: eps,
    adversarialChange: adversarial,
    adversarialBound: eps * l1,
    randomChange: random,
    randomTypical: eps * l2,
  };
}

const LOG_MIN = Math.log10(MIN_DIMENSION);
const LOG_MAX = Math.log10(MAX_DIMENSION);

/** The slider position whose log-spaced n is nearest to `n`. */
export function positionOf(n: number): number {
  const clamped = Math.min(MAX_DIMENSION, Math.max(MIN_DIMENSION, n));
  const t = (Math.log10(clamped) - LOG_MIN) / (LOG_MAX - LOG_MIN);
  return Math.round(t * DIMENSION_SLIDER_STEPS);
}

/**
 * n at a slider position in [0, DIMENSION_SLIDER_STEPS], log-spaced from 10 to 150,528; a
 * landmark's own position gives exactly that landmark (a log step is about 1% of n, so 784 would
 * otherwise read 781 or 788).
 */
export function dimensionAt(position: number): number {
  const p = Math.min(DIMENSION_SLIDER_STEPS, Math.max(0, Math.round(position)));
  const landmark = LANDMARK_DIMENSIONS.find((l) => positionOf(l.n) === p);
  if (landmark) return landmark.n;
  const n = Math.round(10 ** (LOG_MIN + (p / DIMENSION_SLIDER_STEPS) * (LOG_MAX - LOG_MIN)));
  return Math.min(MAX_DIMENSION, Math.max(MIN_DIMENSION, n));
}

export interface CurvePoint {
  n: number;
  /** ε‖w‖₁ over the first n weights */
  adversarial: number;
  /** ε‖w‖₂ over the first n weights */
  randomTypical: number;
}

/** ε‖w‖₁ and ε‖w‖₂ at each of `ns` (ascending), in one pass over the weights. */
export function dotProductCurve(
  vectors: DemoVectors,
  eps: number,
  ns: readonly number[],
): CurvePoint[] {
  const out: CurvePoint[] = [];
  let l1 = 0;
  let sumSquares = 0;
  let i = 0;
  for (const n of ns) {
    for (; i < n && i < vectors.weights.length; i++) {
      const w = vectors.weights[i] ?? 0;
      l1 += Math.abs(w);
      sumSquares += w * w;
    }
    out.push({ n, adversarial: eps * l1, randomTypical: eps * Math.sqrt(sumSquares) });
  }
  return out;
}

/** `count` n values log-spaced from 10 to 150,528, ascending, without repeats. */
export function curveDimensions(count = 64): number[] {
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    const n = dimensionAt((k / (count - 1)) * DIMENSION_SLIDER_STEPS);
    if (out[out.length - 1] !== n) out.push(n);
  }
  return out;
}
