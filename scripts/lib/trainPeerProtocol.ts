/**
 * What `npm run train`'s peer workers (trainPeers.ts, trainPeer.ts) are told: which network to
 * build (a recipe's or a Training lab spec's) and with which loss, and the messages of a run.
 */
import type { TrainingObjective } from '../../src/engine/core/training/trainStep';
import type { PeerTrainShare, ShareGradients } from '../../src/engine/core/training/stepShare';
import type { LabNetwork } from '../../src/engine/trainingTypes';
import type { NodeBackend } from './backend';

export type PeerNetwork =
  | {
      kind: 'recipe';
      recipeId: string;
      inputDim: number;
      /** the dataset's class names (the recipe may filter them) */
      classNames: string[];
      /** the objective as the main trains it (--perturbation may have replaced the recipe's) */
      objective: TrainingObjective | null;
    }
  | ({ kind: 'lab' } & LabNetwork);

export interface PeerInit {
  backend: NodeBackend;
  network: PeerNetwork;
}

export type ToPeer =
  { type: 'init'; init: PeerInit } | { type: 'share'; id: number; share: PeerTrainShare };

export type FromPeer =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: ShareGradients }
  | { type: 'error'; id: number | null; message: string };
