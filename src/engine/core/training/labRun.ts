/**
 * One Training lab run, in the worker or in Node: a seeded model trained with the shared step
 * (trainStep.ts) over the epochs of a spec, held-out errors measured on a fixed schedule of
 * steps, progress reported on a clock, and pause, resume, stop and cancel between steps. Only
 * when things are shown depends on the clock, never what is computed, so the same spec gives
 * the same curves and weights, paused or not.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerWeights } from '../../layerWeights';
import type { ModelManifest } from '../../../models/manifest';
import type {
  TrainingCurvePoint,
  TrainingLossPoint,
  TrainingProgress,
  TrainingResult,
  TrainingSpec,
  TrainingStage,
} from '../../trainingTypes';
import type { Classifier } from '../classifier';
import { EngineError } from '../errors';
import { classifierFromLayersModel } from '../layersClassifier';
import { firstLayerWeights } from '../weights';
import {
  countChunkErrors,
  heldOutInputs,
  heldOutNoiseSeed,
  type ErrorCounts,
  type HeldOutInputs,
} from './heldOut';
import { batchRange, firstTrainImages, gatherBatch, type LabData } from './labData';
import type { Batch } from './trainStep';
import {
  buildLabModel,
  evalInterval,
  heldOutChunk,
  labDropout,
  labManifest,
  labObjective,
  lossInterval,
} from './labSpec';
import { layersModelFiles } from './modelFiles';
import { epochRng, shuffledOrder } from './schedule';
import { Trainer, type TrainPeers } from './trainStep';

export interface LabHooks {
  /** lets the event loop run, so pause, stop and heartbeats get in (default: a resolved promise) */
  yieldNow?: () => Promise<void>;
  /** milliseconds, monotonic (default performance.now) */
  now?: () => number;
  onProgress?: (progress: TrainingProgress) => void;
  /** true once the caller gave up the run: it ends with a 'cancelled' error */
  shouldCancel?: () => boolean;
  /** milliseconds between progress reports (default 400: 2.5 a second, each redraws the view) */
  progressMs?: number;
  /** milliseconds of work between yields (default 40) */
  yieldMs?: number;
  /** peer engines computing shares of every step's batch (the same draws: the same run) */
  peers?: TrainPeers;
}

/** At most this many units of a maxout first layer are drawn live (and returned). */
export const LIVE_WEIGHT_UNITS = 16;
const STEPS_PER_SECOND_WINDOW_MS = 2000;
const PAUSE_POLL_MS = 100;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The first `units` units of a first layer (its data is unit-major). */
function firstUnits(w: LayerWeights, units: number): LayerWeights {
  if (w.units <= units) return w;
  const size = w.pieces * w.imageShape[0] * w.imageShape[1] * w.imageShape[2];
  return { ...w, units, data: w.data.slice(0, units * size) };
}

export class LabRun {
  readonly model: tf.Sequential;
  readonly classifier: Classifier;
  readonly manifest: ModelManifest;
  private readonly trainer: Trainer;
  private stage: TrainingStage = 'training';
  private pauseRequested = false;
  private stopRequested = false;
  private cancelRequested = false;
  private disposed = false;
  /** each held-out chunk's latest counts */
  private readonly chunks: (ErrorCounts | undefined)[];
  /** each held-out chunk's inputs, made at its first measurement and kept until dispose() */
  private readonly inputs: (HeldOutInputs | undefined)[] = [];
  private readonly curve: TrainingCurvePoint[] = [];
  private readonly losses: TrainingLossPoint[] = [];
  private readonly chunk: number;
  private readonly data: LabData;

  constructor(
    readonly spec: TrainingSpec,
    data: LabData,
    id = 'lab',
  ) {
    this.data = firstTrainImages(data, spec.trainImages);
    const [h, w, c] = data.imageShape;
    this.manifest = labManifest(id, spec, data.classNames, data.imageShape);
    this.model = buildLabModel(spec, h * w * c, data.classNames.length);
    this.classifier = classifierFromLayersModel(this.model, this.manifest);
    this.trainer = new Trainer({
      model: this.model,
      classifier: this.classifier,
      loss: 'softmax-ce',
      dropout: labDropout(spec),
      objective: labObjective(spec),
      learningRate: spec.learningRate,
    });
    this.chunk = heldOutChunk(spec);
    this.chunks = new Array<ErrorCounts | undefined>(
      Math.ceil(data.heldOut.count / this.chunk),
    ).fill(undefined);
  }

  pause(): void {
    this.pauseRequested = true;
  }

  resume(): void {
    this.pauseRequested = false;
  }

  /** ends the run after the current step; run() resolves with what it has */
  stop(): void {
    this.stopRequested = true;
    this.pauseRequested = false;
  }

  /** ends the run after the current step; run() rejects with 'cancelled' */
  cancel(): void {
    this.cancelRequested = true;
  }

  get stepsPerEpoch(): number {
    return Math.ceil(this.data.train.count / this.spec.batchSize);
  }

  /** Refreshes held-out chunk `chunk` (all of them when null). */
  private async measure(chunk: number | null): Promise<void> {
    const indices = chunk === null ? this.chunks.map((_, i) => i) : [chunk];
    for (const i of indices) {
      const inputs = (this.inputs[i] ??= heldOutInputs(
        this.classifier,
        batchRange(this.data.heldOut, i * this.chunk, this.chunk),
        this.spec.eps,
        heldOutNoiseSeed(i),
      ));
      this.chunks[i] = await countChunkErrors(this.classifier, inputs, this.spec.eps);
    }
  }

  /** Errors over every chunk measured so far. */
  private errors(): { clean: number; fgsm: number; noise: number } {
    const sum = { clean: 0, fgsm: 0, noise: 0, images: 0 };
    for (const c of this.chunks) {
      if (!c) continue;
      sum.clean += c.clean;
      sum.fgsm += c.fgsm;
      sum.noise += c.noise;
      sum.images += c.images;
    }
    const n = Math.max(1, sum.images);
    return { clean: sum.clean / n, fgsm: sum.fgsm / n, noise: sum.noise / n };
  }

  /** Mean of the pending step losses (one read-back), which it frees. */
  private static async meanLoss(pending: tf.Scalar[]): Promise<number | null> {
    const count = pending.length;
    if (count === 0) return null;
    const sum = tf.tidy(() => tf.addN(pending));
    tf.dispose(pending.splice(0));
    try {
      return ((await sum.data())[0] ?? NaN) / count;
    } finally {
      sum.dispose();
    }
  }

  private async weights(): Promise<LayerWeights> {
    return firstUnits(await firstLayerWeights(this.model, this.manifest), LIVE_WEIGHT_UNITS);
  }

  async run(hooks: LabHooks = {}): Promise<TrainingResult> {
    const now = hooks.now ?? (() => performance.now());
    const yieldNow = hooks.yieldNow ?? (() => Promise.resolve());
    const progressMs = hooks.progressMs ?? 400;
    const yieldMs = hooks.yieldMs ?? 40;
    const { spec, data } = this;
    const stepsPerEpoch = this.stepsPerEpoch;
    const totalSteps = stepsPerEpoch * spec.epochs;
    const every = evalInterval(spec);
    const lossEvery = lossInterval(spec);
    const pending: tf.Scalar[] = [];
    let batch: Batch | undefined;
    let step = 0;
    let activeMs = 0;
    let mark = now();
    let lastYield = mark;
    let lastReport = -Infinity;
    let nextChunk = 0;
    const recent: { t: number; step: number }[] = [];

    const tick = (): void => {
      const t = now();
      if (this.stage === 'training') activeMs += t - mark;
      mark = t;
    };
    const stepsPerSecond = (): number => {
      const first = recent[0];
      const last = recent[recent.length - 1];
      if (!first || !last || last.t <= first.t) return 0;
      return ((last.step - first.step) * 1000) / (last.t - first.t);
    };
    const report = async (): Promise<void> => {
      tick();
      lastReport = now();
      if (!hooks.onProgress) return;
      hooks.onProgress({
        stage: this.stage,
        step,
        totalSteps,
        stepsPerEpoch,
        elapsedMs: activeMs,
        remainingMs: step > 0 ? (activeMs / step) * (totalSteps - step) : null,
        stepsPerSecond: stepsPerSecond(),
        curve: [...this.curve],
        losses: [...this.losses],
        weights: await this.weights(),
        heldOut: data.heldOut.count,
      });
    };
    const lossPoint = async (): Promise<void> => {
      const loss = await LabRun.meanLoss(pending);
      if (loss === null) return;
      if (!Number.isFinite(loss)) {
        throw new EngineError(
          'invalid-argument',
          `training diverged: the loss became ${loss} at step ${step} (try a smaller learning rate)`,
        );
      }
      this.losses.push({ step, epoch: step / stepsPerEpoch, loss });
    };
    const point = (): void => {
      this.curve.push({ step, epoch: step / stepsPerEpoch, ...this.errors() });
    };
    const checkCancel = (): void => {
      if (this.cancelRequested || hooks.shouldCancel?.()) {
        throw new EngineError('cancelled', 'the training run was cancelled');
      }
    };
    const waitWhilePaused = async (): Promise<void> => {
      if (!this.pauseRequested) return;
      tick();
      this.stage = 'paused';
      await report();
      while (this.pauseRequested) {
        checkCancel();
        await sleep(PAUSE_POLL_MS);
      }
      tick();
      this.stage = 'training';
      recent.length = 0;
    };

    try {
      await this.measure(null);
      point();
      for (let epoch = 1; epoch <= spec.epochs && !this.stopRequested; epoch++) {
        const rng = epochRng(spec.seed, epoch);
        const order = shuffledOrder(data.train.count, rng);
        for (let s = 0; s < stepsPerEpoch && !this.stopRequested; s++) {
          await waitWhilePaused();
          checkCancel();
          if (this.stopRequested) break;
          const rows = order.subarray(s * spec.batchSize, (s + 1) * spec.batchSize);
          // the tensors the step makes copy the batch (a peer's share is copied before it is
          // posted), so the buffer is reused for the next step
          batch = gatherBatch(data.train, rows, batch);
          const out = hooks.peers
            ? await this.trainer.stepShared(batch, rng, hooks.peers)
            : this.trainer.step(batch, rng);
          out.correct.dispose();
          pending.push(out.loss);
          step++;
          if (step % lossEvery === 0) await lossPoint();
          if (step % every === 0) {
            await this.measure(nextChunk);
            nextChunk = (nextChunk + 1) % this.chunks.length;
            point();
          }
          const t = now();
          recent.push({ t, step });
          while ((recent[0]?.t ?? t) < t - STEPS_PER_SECOND_WINDOW_MS) recent.shift();
          if (t - lastReport >= progressMs) await report();
          if (now() - lastYield >= yieldMs) {
            await yieldNow();
            lastYield = now();
          }
        }
      }
      tick();
      this.stage = 'finishing';
      // the last point measures the whole slice with the final weights
      await lossPoint();
      await this.measure(null);
      const last = this.curve[this.curve.length - 1];
      if (last?.step === step) Object.assign(last, this.errors());
      else point();
      await report();
      return {
        stoppedBy: step < totalSteps ? 'stopped' : 'finished',
        steps: step,
        elapsedMs: activeMs,
        stepsPerSecond: activeMs > 0 ? (step * 1000) / activeMs : 0,
        curve: [...this.curve],
        losses: [...this.losses],
        final: this.errors(),
        weights: await this.weights(),
        model: {
          title: this.manifest.title,
          architecture: this.manifest.architecture,
          ...(await layersModelFiles(this.model)),
        },
      };
    } finally {
      tf.dispose(pending);
    }
  }

  /** Frees the model and the optimizer (the run's tensors; nothing else stays). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose(this.inputs.splice(0).flatMap((i) => (i ? [i.x, i.labels, i.noisy] : [])));
    this.trainer.dispose();
    this.model.dispose();
  }
}
