/**
 * Every limit the app enforces, in one table: the URL codec, the store's setters, the forms and
 * the engine's validation all read their ranges here, so a value one accepts the others accept.
 * The engine allows a little more than the UI offers (its callers include the CLI and the
 * postMessage API); the UI ranges always lie inside the engine's.
 */
export type Range = readonly [number, number];

export const LIMITS = {
  /** max-norm of a perturbation, in [0, 1] pixel units */
  eps: [0, 1] as Range,
  sweep: {
    /** the eps range a sweep may span on each side of 0 */
    epsMax: [0.001, 1] as Range,
    /** points the UI and URL offer */
    points: [3, 1001] as Range,
    defaultPoints: 201,
    /** points the engine accepts */
    enginePoints: [2, 2001] as Range,
  },
  map: {
    /** cells per side the UI and URL offer */
    resolution: [16, 256] as Range,
    resolutionOptions: [16, 24, 32, 48, 64, 96, 128, 192, 256] as readonly number[],
    defaultResolution: 64,
    /** cells per side the engine accepts */
    engineResolution: [2, 256] as Range,
    /** maps shown side by side */
    count: [1, 12] as Range,
    defaultCount: 6,
  },
  pgd: {
    /** steps the UI and URL offer */
    steps: [1, 200] as Range,
    defaultSteps: 10,
    /** steps the engine accepts (fooling images may take 0 steps: the noise itself) */
    engineSteps: [1, 1000] as Range,
  },
  weights: {
    /** units per page of the weights view: a few for a slide, many to browse */
    unitsPerPage: [1, 100] as Range,
    unitsPerPageOptions: [4, 8, 20, 40] as readonly number[],
  },
  /** class index a URL may name (the engine checks it against the model) */
  targetClass: [0, 999] as Range,
  /** one postMessage from a host page, as JSON */
  messageChars: 4096,
  /** the Training lab (issue 16): ranges that keep a run interactive on a laptop */
  training: {
    units: [8, 256] as Range,
    pieces: [2, 5] as Range,
    alpha: [0, 1] as Range,
    eps: [0, 0.5] as Range,
    learningRate: [1e-4, 0.1] as Range,
    batchSize: [16, 512] as Range,
    epochs: [1, 20] as Range,
    seed: [0, 2 ** 31 - 1] as Range,
    dropout: [0, 0.8] as Range,
    /** training images per epoch (MNIST's and Fashion-MNIST's splits hold 55,000) */
    trainImages: [256, 55_000] as Range,
  },
} as const;

/** `value` rounded and clamped into `range` (a non-finite value becomes the lower end). */
export function clampInt(value: number, [lo, hi]: Range): number {
  return Math.min(hi, Math.max(lo, Math.round(Number.isFinite(value) ? value : lo)));
}
