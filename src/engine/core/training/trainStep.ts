/**
 * One minibatch step of training, the single implementation `npm run train`
 * (scripts/lib/trainLoop.ts) and the Training lab (labRun.ts) share: x~ made against the current
 * weights, the loss alpha*J(x, y) + (1 - alpha)*J(x~, y) with seeded inverted dropout, one Adam
 * step, then the layers' constraints (maxout's max-norm) projected. The step's batch may be cut
 * into shares computed by peers (data-parallel, stepShare.ts), with the same draws.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../../shared/rng';
import { runShared, waysFor, type PeerShares } from '../peerShares';
import {
  drawStep,
  shareGradients,
  shareOf,
  shareTensorsOf,
  type PeerTrainShare,
  type ShareGradients,
  type ShareTensors,
  type StepModel,
  type TrainShare,
} from './stepShare';

export type { TrainingObjective } from './stepShare';

export interface TrainerOptions extends StepModel {
  learningRate: number;
}

/** A step's batch loss and number of correctly classified training images (kept tensors). */
export interface StepTensors {
  loss: tf.Scalar;
  correct: tf.Scalar;
}

export interface Batch {
  /** n images, flat, in [0, 1] */
  x: Float32Array;
  labels: Int32Array;
}

/** Peers that compute shares of a step's batch at the weights the share carries. */
export type TrainPeers = PeerShares<PeerTrainShare, ShareGradients>;

/** Projects every weight with a constraint (maxout's max column norm) back into its set. */
export function applyConstraints(model: tf.LayersModel): void {
  for (const w of model.trainableWeights) {
    if (w.constraint != null) tf.tidy(() => void w.write(w.constraint.apply(w.read())));
  }
}

/** Layers whose training output of an image depends on the other images of the batch. */
const BATCH_COUPLED_LAYERS = new Set(['BatchNormalization']);

/** Why the model cannot be trained in shares (null when it can). */
export function sharedStepObstacle(model: tf.Sequential): string | null {
  const coupled = model.layers.find((l) => BATCH_COUPLED_LAYERS.has(l.getClassName()));
  return coupled
    ? `its layer ${coupled.name} (${coupled.getClassName()}) normalises over the whole batch`
    : null;
}

export class Trainer {
  readonly optimizer: tf.AdamOptimizer;
  readonly variables: tf.Variable[];

  constructor(private readonly o: TrainerOptions) {
    this.optimizer = tf.train.adam(o.learningRate);
    this.variables = o.model.trainableWeights.map((v) => v.read() as tf.Variable);
  }

  /** tfjs' Adam has no setter; it reads this field at every step. */
  set learningRate(value: number) {
    (this.optimizer as unknown as { learningRate: number }).learningRate = value;
  }

  /**
   * One step on `batch`. Draws, in this order, the seed of x~'s noise or random start, then the
   * dropout masks of the clean and the perturbed pass, so a seeded run repeats exactly.
   */
  step(batch: Batch, rng: Rng): StepTensors {
    const n = batch.labels.length;
    const share = shareOf(this.o, batch, drawStep(this.o, n, rng), 0, n);
    return this.apply([shareGradients(this.o, this.variables, share)]);
  }

  /**
   * The same step with the batch cut into shares, one computed here and the others by `peers`
   * at the current weights (a share a peer fails is computed here); the same draws as step(),
   * so the result equals step()'s up to the order the shares' gradients are summed.
   */
  async stepShared(batch: Batch, rng: Rng, peers: TrainPeers | undefined): Promise<StepTensors> {
    const n = batch.labels.length;
    const ways = waysFor(peers, n);
    if (!peers || ways < 2) return this.step(batch, rng);
    const draws = drawStep(this.o, n, rng);
    const weights = await Promise.all(this.variables.map((v) => v.data() as Promise<Float32Array>));
    const outcomes = await runShared<TrainShare | PeerTrainShare, ShareTensors>(
      n,
      ways,
      {
        shareOf: (from, to, forPeer) => {
          const share = shareOf(this.o, batch, draws, from, to);
          // each peer gets its own copies: a transfer to a worker may detach them
          return forPeer ? { ...share, weights: weights.map((w) => w.slice()) } : share;
        },
        runHere: (share) => Promise.resolve(shareGradients(this.o, this.variables, share)),
      },
      {
        ways,
        run: (share) =>
          peers
            .run(share as PeerTrainShare)
            .then((answer) => shareTensorsOf(answer, this.variables)),
      },
    );
    return this.apply(outcomes);
  }

  /** Sums the shares' gradients in order, takes one Adam step and projects the constraints. */
  private apply(outcomes: ShareTensors[]): StepTensors {
    const sum = (ts: tf.Tensor[]): tf.Tensor =>
      ts.length === 1 ? (ts[0] as tf.Tensor) : tf.addN(ts);
    const grads = this.variables.map((v, k) => ({
      name: v.name,
      tensor: sum(outcomes.map((o) => o.grads[k] as tf.Tensor)),
    }));
    const loss = sum(outcomes.map((o) => o.loss)) as tf.Scalar;
    const correct = sum(outcomes.map((o) => o.correct)) as tf.Scalar;
    try {
      this.optimizer.applyGradients(grads);
      applyConstraints(this.o.model);
    } finally {
      const parts = outcomes.flatMap((o) => [...o.grads, o.loss, o.correct]);
      tf.dispose(
        [...grads.map((g) => g.tensor), ...parts].filter((t) => t !== loss && t !== correct),
      );
    }
    return { loss, correct };
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}
