/**
 * The Training lab as engine calls (issue 16): what to train, the live progress and the result.
 * Types and plain constants only (api.ts re-exports them). The same loop
 * (src/engine/core/training/labRun.ts) runs in the worker and in Node (bench, e2e reference), so
 * a spec with the same seed gives the same curves and weights on the same backend.
 */
import type { LayerWeights } from './layerWeights';
import type { TrainingSpec } from '../shared/labSpec';

export * from '../shared/labSpec';

/** Errors on the held-out images after `step` minibatches: clean, FGSM (eps), +-eps sign noise. */
export interface TrainingCurvePoint {
  step: number;
  /** epochs done, fractional */
  epoch: number;
  clean: number;
  fgsm: number;
  noise: number;
}

/** The mean training loss of the minibatches since the previous loss point. */
export interface TrainingLossPoint {
  step: number;
  epoch: number;
  loss: number;
}

export type TrainingStage = 'loading' | 'training' | 'paused' | 'finishing';

export interface TrainingProgress {
  stage: TrainingStage;
  /** loading: bytes of the training set fetched so far, and in all (0 when unknown) */
  loadedBytes?: number;
  totalBytes?: number;
  /** minibatches done and in all */
  step: number;
  totalSteps: number;
  stepsPerEpoch: number;
  /** milliseconds spent training (pauses excluded) */
  elapsedMs: number;
  /** estimate from the mean pace so far; null before the first steps */
  remainingMs: number | null;
  /** minibatches per second over the last seconds */
  stepsPerSecond: number;
  /** every point so far (a restarted worker starts them again) */
  curve: TrainingCurvePoint[];
  losses: TrainingLossPoint[];
  /** the first layer now (maxout: its first units only, see TrainingResult) */
  weights: LayerWeights | null;
  /** held-out images the errors are measured on */
  heldOut: number;
}

export type TrainingCommand = 'pause' | 'resume' | 'stop';

/** The trained network as TF.js LayersModel files, with what the model picker shows of it. */
export interface TrainedModel {
  title: string;
  architecture: string;
  /** model.json; its weights manifest names weights.bin */
  modelJson: string;
  /** weights.bin */
  weights: Uint8Array;
}

export interface TrainingResult {
  /** 'finished': every epoch ran; 'stopped': the user stopped it early */
  stoppedBy: 'finished' | 'stopped';
  steps: number;
  elapsedMs: number;
  stepsPerSecond: number;
  curve: TrainingCurvePoint[];
  losses: TrainingLossPoint[];
  /** errors of the final weights on the whole held-out slice */
  final: { clean: number; fgsm: number; noise: number };
  /** the final first layer (maxout: its first units only) */
  weights: LayerWeights;
  /** the trained model itself */
  model: TrainedModel;
}

/** Rows [from, to) of a training step's batch of `total` images, with their part of its draws. */
export interface TrainShare {
  from: number;
  to: number;
  total: number;
  /** the share's images, flat, in [0, 1] */
  x: Float32Array;
  labels: Int32Array;
  /** seeds x~'s noise or random start (the share takes its rows' part of it) */
  noiseSeed: number;
  /** the share's rows of each of the step's dropout masks */
  masks: Float32Array[];
}

/** A share for a peer engine: the share and the weights it is computed at. */
export interface PeerTrainShare extends TrainShare {
  weights: Float32Array[];
}

/** What a peer sends back for a share: its gradient, weighted loss and correct count. */
export interface ShareGradients {
  grads: Float32Array[];
  loss: number;
  correct: number;
}

/** A Training lab network as a peer engine rebuilds it (its weights come with each share). */
export interface LabNetwork {
  spec: TrainingSpec;
  classNames: string[];
  imageShape: [number, number, number];
}
