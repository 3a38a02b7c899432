/**
 * The Training lab's steps in shares (stepShare.ts): a maxout lab run on a CPU backend is always
 * cut into LAB_SHARED_WAYS shares, whether or not a peer engine takes the second one (a share no
 * peer takes is computed here), so a seeded run gives the same curves with or without peers; a
 * peer rebuilds the spec's network (labStepModel) and computes shares at the weights they carry.
 */
import type { BackendName } from '../../api';
import type { LabNetwork, PeerTrainShare, ShareGradients } from '../../trainingTypes';
import type { TrainingSpec } from '../../trainingTypes';
import { classifierFromLayersModel } from '../layersClassifier';
import { buildLabModel, labDropout, labManifest, labObjective } from './labSpec';
import type { StepModel } from './stepShare';
import type { TrainPeers } from './trainStep';

/** Shares of a maxout lab step on a CPU backend: one per core of a 2-core machine. */
export const LAB_SHARED_WAYS = 2;

const CPU_BACKENDS: ReadonlySet<BackendName> = new Set(['wasm', 'cpu']);

/**
 * How many shares a lab step is cut into: LAB_SHARED_WAYS for maxout on a CPU backend, 1 for
 * softmax regression (its step is too small for a message to pay) and on a GPU.
 */
export function labWays(spec: TrainingSpec, backend: BackendName): number {
  return spec.architecture === 'maxout' && CPU_BACKENDS.has(backend) ? LAB_SHARED_WAYS : 1;
}

/**
 * Takers of a lab step's shares for `ways` (undefined for 1): the peer engine's when there is
 * one, else every share is computed here, cut the same way.
 */
export function labPeers(
  ways: number,
  send: ((share: PeerTrainShare) => Promise<ShareGradients>) | undefined,
): TrainPeers | undefined {
  if (ways < 2) return undefined;
  return {
    ways,
    run: (share) => (send ? send(share) : Promise.reject(new Error('no peer engine'))),
  };
}

/** The lab network's model, classifier and loss, as a peer engine computes shares with them. */
export function labStepModel(network: LabNetwork, id = 'peer'): StepModel {
  const { spec, classNames, imageShape } = network;
  const [h, w, c] = imageShape;
  const model = buildLabModel(spec, h * w * c, classNames.length);
  return {
    model,
    classifier: classifierFromLayersModel(model, labManifest(id, spec, classNames, imageShape)),
    loss: 'softmax-ce',
    dropout: labDropout(spec),
    objective: labObjective(spec),
  };
}
