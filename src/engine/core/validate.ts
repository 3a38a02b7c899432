/**
 * Argument checks for everything that enters the engine from outside. Each check throws
 * EngineError('invalid-argument') with a message a person can act on, and returns the value with
 * defaults filled in, so the ops below never see a half-checked argument.
 */
import type {
  AttackMode,
  AttackParams,
  CrossSectionParams,
  ImageData01,
  LabelSource,
  MapHorizontal,
  SweepParams,
} from '../api';
import { ATTACK_MODES, MAP_HORIZONTALS } from '../api';
import { EngineError } from './errors';
import { LIMITS } from '../../shared/limits';

/** Pixels may overshoot [0, 1] by this much (float rounding in preprocessing). */
export const PIXEL_TOLERANCE = 1e-5;
export const MAX_RESOLUTION = LIMITS.map.engineResolution[1];
export const MAX_POINTS = LIMITS.sweep.enginePoints[1];
export const MAX_STEPS = LIMITS.pgd.engineSteps[1];
export const DEFAULT_POINTS = LIMITS.sweep.defaultPoints;
export const DEFAULT_RESOLUTION = LIMITS.map.defaultResolution;
export const DEFAULT_PGD_STEPS = LIMITS.pgd.defaultSteps;

export type ClipRange = [number, number];

function invalid(message: string): never {
  throw new EngineError('invalid-argument', message);
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

export function checkImage(
  inputShape: readonly [number, number, number],
  image: ImageData01,
): void {
  if (typeof image !== 'object' || image === null) invalid('image must be an object');
  const { data, height, width, channels } = image;
  if (!(data instanceof Float32Array)) invalid('image.data must be a Float32Array');
  const [h, w, c] = inputShape;
  if (height !== h || width !== w || channels !== c) {
    invalid(`image is ${height}x${width}x${channels}, the model wants ${h}x${w}x${c}`);
  }
  if (data.length !== h * w * c) {
    invalid(`image.data has ${data.length} values, ${h}x${w}x${c} needs ${h * w * c}`);
  }
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    // `!(v >= lo)` also catches NaN.
    if (!(v >= -PIXEL_TOLERANCE && v <= 1 + PIXEL_TOLERANCE)) {
      invalid(`image.data[${i}] = ${v}: pixels must be finite and within [0, 1]`);
    }
  }
}

export function checkImages(
  inputShape: readonly [number, number, number],
  images: readonly ImageData01[],
): void {
  if (!Array.isArray(images)) invalid('images must be an array');
  images.forEach((image) => checkImage(inputShape, image));
}

/** A max-norm in pixel units: finite, within [0, 1]. */
export function checkEps(value: unknown, name = 'eps'): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    invalid(`${name} must be a finite number within [0, 1], got ${String(value)}`);
  }
  return value;
}

export function checkResolution(value: unknown = DEFAULT_RESOLUTION): number {
  const [lo, hi] = LIMITS.map.engineResolution;
  if (!isInteger(value) || value < lo || value > hi) {
    invalid(`resolution must be an integer within ${lo}..${hi}, got ${String(value)}`);
  }
  return value;
}

export function checkPoints(value: unknown = DEFAULT_POINTS): number {
  const [lo, hi] = LIMITS.sweep.enginePoints;
  if (!isInteger(value) || value < lo || value > hi) {
    invalid(`points must be an integer within ${lo}..${hi}, got ${String(value)}`);
  }
  return value;
}

export function checkSteps(value: unknown = DEFAULT_PGD_STEPS): number {
  if (!isInteger(value) || value < LIMITS.pgd.engineSteps[0] || value > MAX_STEPS) {
    invalid(`steps must be an integer within 1..${MAX_STEPS}, got ${String(value)}`);
  }
  return value;
}

export function checkStepSize(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1) {
    invalid(`stepSize must be a finite number within (0, 1], got ${String(value)}`);
  }
  return value;
}

export function checkClassIndex(value: unknown, numClasses: number, name: string): number {
  if (!isInteger(value) || value < 0 || value >= numClasses) {
    invalid(`${name} must be a class index within 0..${numClasses - 1}, got ${String(value)}`);
  }
  return value;
}

export function checkClip(value: unknown): ClipRange {
  if (!Array.isArray(value) || value.length !== 2) {
    invalid(`clip must be a pair [lo, hi], got ${String(value)}`);
  }
  const [lo, hi] = value as unknown[];
  if (typeof lo !== 'number' || typeof hi !== 'number' || !Number.isFinite(lo)) {
    invalid(`clip must hold two finite numbers, got [${String(lo)}, ${String(hi)}]`);
  }
  if (!Number.isFinite(hi) || !(lo < hi)) invalid(`clip needs lo < hi, got [${lo}, ${hi}]`);
  return [lo, hi];
}

export function checkSeed(value: unknown = 0): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    invalid(`seed must be a finite number, got ${String(value)}`);
  }
  return value;
}

export function checkMode(value: unknown): AttackMode {
  if (!(ATTACK_MODES as readonly unknown[]).includes(value)) {
    invalid(`mode must be one of ${ATTACK_MODES.join(', ')}, got ${String(value)}`);
  }
  return value as AttackMode;
}

export interface LabelChoice {
  labelSource: LabelSource;
  /** checked when the source is 'true' */
  trueLabel?: number;
}

export function checkLabelChoice(
  labelSource: unknown,
  trueLabel: unknown,
  numClasses: number,
): LabelChoice {
  if (labelSource === 'predicted') return { labelSource };
  if (labelSource !== 'true') {
    invalid(`labelSource must be 'true' or 'predicted', got ${String(labelSource)}`);
  }
  if (trueLabel === undefined) invalid("labelSource 'true' needs trueLabel");
  return { labelSource, trueLabel: checkClassIndex(trueLabel, numClasses, 'trueLabel') };
}

export interface CheckedAttackParams extends LabelChoice {
  mode: AttackMode;
  eps: number;
  targetClass?: number;
  steps: number;
  stepSize: number;
  clip: ClipRange;
  seed: number;
}

export function checkAttackParams(params: AttackParams, numClasses: number): CheckedAttackParams {
  if (typeof params !== 'object' || params === null) invalid('attack params must be an object');
  const mode = checkMode(params.mode);
  const eps = checkEps(params.eps);
  const labels = checkLabelChoice(params.labelSource, params.trueLabel, numClasses);
  const checked: CheckedAttackParams = {
    ...labels,
    mode,
    eps,
    steps: checkSteps(params.steps),
    stepSize: params.stepSize === undefined ? eps / 4 : checkStepSize(params.stepSize),
    clip: checkClip(params.clip ?? [0, 1]),
    seed: checkSeed(params.seed),
  };
  if (mode === 'targeted' || (mode === 'pgd' && params.targetClass !== undefined)) {
    if (params.targetClass === undefined) invalid("mode 'targeted' needs targetClass");
    checked.targetClass = checkClassIndex(params.targetClass, numClasses, 'targetClass');
  }
  return checked;
}

export interface CheckedSweepParams extends LabelChoice {
  epsMax: number;
  points: number;
  clip: ClipRange | null;
}

export function checkSweepParams(params: SweepParams, numClasses: number): CheckedSweepParams {
  if (typeof params !== 'object' || params === null) invalid('sweep params must be an object');
  return {
    ...checkLabelChoice(params.labelSource, params.trueLabel, numClasses),
    epsMax: checkEps(params.epsMax, 'epsMax'),
    points: checkPoints(params.points),
    clip: params.clip === undefined ? null : checkClip(params.clip),
  };
}

export interface CheckedCrossSectionParams extends LabelChoice {
  epsMax: number;
  resolution: number;
  seed: number;
  horizontal: MapHorizontal;
  clip: ClipRange | null;
}

export function checkCrossSectionParams(
  params: CrossSectionParams,
  numClasses: number,
): CheckedCrossSectionParams {
  if (typeof params !== 'object' || params === null) {
    invalid('cross-section params must be an object');
  }
  return {
    ...checkLabelChoice(params.labelSource, params.trueLabel, numClasses),
    epsMax: checkEps(params.epsMax, 'epsMax'),
    resolution: checkResolution(params.resolution),
    seed: checkSeed(params.seed),
    horizontal: checkMapHorizontal(params.horizontal),
    clip: params.clip === undefined ? null : checkClip(params.clip),
  };
}

export function checkMapHorizontal(value: unknown = 'fgsm'): MapHorizontal {
  if (!(MAP_HORIZONTALS as readonly unknown[]).includes(value)) {
    invalid(`horizontal must be one of ${MAP_HORIZONTALS.join(', ')}, got ${String(value)}`);
  }
  return value as MapHorizontal;
}
