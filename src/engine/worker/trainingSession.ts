/**
 * The worker's Training lab runs, keyed by the client's request ids: loads the training set
 * (reporting its bytes as progress), trains with the shared LabRun, and takes pause, resume and
 * stop for a run between its steps. The loop yields to the worker's event loop every few tens of
 * milliseconds, so those commands, cancels and the client's heartbeat get through while it trains.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../api';
import type {
  LabNetwork,
  PeerTrainShare,
  ShareGradients,
  TrainingCommand,
  TrainingProgress,
  TrainingResult,
  TrainingSpec,
} from '../trainingTypes';
import { EngineError } from '../core/errors';
import { labSplit } from '../core/training/labData';
import { LabRun } from '../core/training/labRun';
import { labPeers, labStepModel, labWays } from '../core/training/labShares';
import { checkTrainingSpec } from '../core/training/labSpec';
import { peerShareGradients, type StepModel } from '../core/training/stepShare';
import { TrainingSets, type FetchFile } from './trainingData';

export interface TrainingHooks {
  onProgress(progress: TrainingProgress): void;
  shouldCancel(): boolean;
  /** the engine's backend: a maxout run on a CPU backend is cut into shares (labShares.ts) */
  backend?: BackendName;
  /** a peer engine taking shares of this network's steps, if there is one */
  peersFor?: (
    network: LabNetwork,
  ) => Promise<((share: PeerTrainShare) => Promise<ShareGradients>) | undefined>;
}

/** The network a peer engine computes shares with, rebuilt when another run's arrives. */
interface ShareNetwork {
  key: string;
  m: StepModel;
  variables: tf.Variable[];
}

/** Lets queued messages run: a macrotask without setTimeout's 4 ms clamp when nested. */
export function yieldToEventLoop(): Promise<void> {
  // Node (scripts, tests) has setImmediate; a worker has MessageChannel
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  if (typeof immediate === 'function') return new Promise((r) => void immediate(() => r()));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

const EARLY_LIMIT = 16;

const LOADING: Omit<TrainingProgress, 'loadedBytes' | 'totalBytes'> = {
  stage: 'loading',
  step: 0,
  totalSteps: 0,
  stepsPerEpoch: 0,
  elapsedMs: 0,
  remainingMs: null,
  stepsPerSecond: 0,
  curve: [],
  losses: [],
  weights: null,
  heldOut: 0,
};

export class TrainingSessions {
  private readonly runs = new Map<number, LabRun>();
  /** commands that arrived before their run started (both are messages) */
  private readonly early = new Map<number, TrainingCommand>();
  private readonly sets: TrainingSets;
  private shareNetwork: ShareNetwork | null = null;

  constructor(fetchFile?: FetchFile) {
    this.sets = new TrainingSets(fetchFile);
  }

  async train(
    rawSpec: unknown,
    dataBaseUrl: string,
    requestId: number,
    hooks: TrainingHooks,
  ): Promise<TrainingResult> {
    const spec: TrainingSpec = checkTrainingSpec(rawSpec);
    if (typeof dataBaseUrl !== 'string') {
      throw new EngineError('invalid-argument', 'training: dataBaseUrl must be a URL string');
    }
    const dataset = await this.sets.get(spec.dataset, dataBaseUrl, (loadedBytes, totalBytes) =>
      hooks.onProgress({ ...LOADING, loadedBytes, totalBytes }),
    );
    if (hooks.shouldCancel()) throw new EngineError('cancelled', 'the training run was cancelled');
    const data = labSplit(dataset);
    const ways = hooks.backend ? labWays(spec, hooks.backend) : 1;
    const network: LabNetwork = { spec, classNames: data.classNames, imageShape: data.imageShape };
    const peers = labPeers(ways, ways > 1 ? await hooks.peersFor?.(network) : undefined);
    const run = new LabRun(spec, data, `trained-${requestId}`);
    this.runs.set(requestId, run);
    const early = this.early.get(requestId);
    this.early.delete(requestId);
    if (early) this.control(requestId, early);
    try {
      return await run.run({
        yieldNow: yieldToEventLoop,
        onProgress: (p) => hooks.onProgress(p),
        shouldCancel: () => hooks.shouldCancel(),
        ...(peers ? { peers } : {}),
      });
    } finally {
      this.runs.delete(requestId);
      run.dispose();
    }
  }

  control(requestId: number, command: TrainingCommand): void {
    const run = this.runs.get(requestId);
    if (!run) {
      if (!Number.isInteger(requestId)) return;
      this.early.set(requestId, command);
      // commands for runs that never start must not pile up
      for (const id of this.early.keys()) if (this.early.size > EARLY_LIMIT) this.early.delete(id);
      return;
    }
    if (command === 'pause') run.pause();
    else if (command === 'resume') run.resume();
    else if (command === 'stop') run.stop();
    else throw new EngineError('invalid-argument', `training: unknown command ${String(command)}`);
  }

  /** A peer engine's side: the gradient of a share of another engine's lab step. */
  async share(network: LabNetwork, share: PeerTrainShare): Promise<ShareGradients> {
    const key = JSON.stringify(network);
    if (this.shareNetwork?.key !== key) {
      this.shareNetwork?.m.model.dispose();
      this.shareNetwork = null;
      const m = labStepModel({ ...network, spec: checkTrainingSpec(network.spec) });
      const variables = m.model.trainableWeights.map((v) => v.read() as tf.Variable);
      this.shareNetwork = { key, m, variables };
    }
    return peerShareGradients(this.shareNetwork.m, this.shareNetwork.variables, share);
  }

  /** runs in progress (for tests: finished runs leave none behind) */
  get size(): number {
    return this.runs.size;
  }
}
