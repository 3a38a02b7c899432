/**
 * Experiments 1 and 2: error rate and mean confidence on mistakes of each model on attacked test
 * images, for each eps; FGSM, its targeted variant, PGD, or the two same-max-norm noise controls.
 */
import type * as tf from '@tensorflow/tfjs';
import type {
  AttackExperimentResult,
  AttackRow,
  AttackShareOutcome,
  AttackShareSpec,
  ExperimentAttack,
  ExperimentImages,
} from '../../experimentTypes';
import type { Classifier } from '../classifier';
import { runShared, waysFor } from '../peerShares';
import {
  attackedBatch,
  checkEpsList,
  checkExperimentAttack,
  checkExperimentImages,
  checkSeed,
  chunksFor,
  classify,
  ErrorTally,
  imagesTensor,
  invalid,
  ProgressCounter,
  type CheckedAttack,
  type ExperimentHooks,
  type PeerAttackShares,
  withBudget,
} from './common';

interface RowTally {
  errors: ErrorTally;
  targetHits: number;
  targetEligible: number;
}

/**
 * Images `from`..`to`-1 of a run: views for this engine, a copy for a peer (posting a view
 * would send its whole buffer, the run's every image).
 */
function imagesRange(
  images: ExperimentImages,
  from: number,
  to: number,
  copy: boolean,
): ExperimentImages {
  const size = images.shape[0] * images.shape[1] * images.shape[2];
  const cut = copy ? 'slice' : 'subarray';
  return {
    data: images.data[cut](from * size, to * size),
    labels: images.labels[cut](from, to),
    count: to - from,
    shape: [...images.shape],
  };
}

/**
 * Clean and attacked classes of the images of one share (image 0 is image `start` of the run,
 * which seeds its noise): what this engine computes for its share of a chunk, and a peer for its.
 */
async function shareOutcome(
  model: Classifier,
  checked: CheckedAttack,
  eps: readonly number[],
  images: ExperimentImages,
  seed: number,
  start: number,
): Promise<AttackShareOutcome> {
  const x: tf.Tensor4D = imagesTensor(images, 0, images.count);
  try {
    const clean = await classify(model, x);
    const lossLabels = checked.labelSource === 'true' ? images.labels : clean.predicted;
    const attacked: AttackShareOutcome['attacked'] = [];
    for (const epsValue of eps) {
      const adversarial = attackedBatch(model, x, checked, epsValue, lossLabels, seed, start);
      try {
        attacked.push(await classify(model, adversarial));
      } finally {
        adversarial.dispose();
      }
    }
    return { clean, attacked };
  } finally {
    x.dispose();
  }
}

/** A peer's share, checked as untrusted input like any experiment. */
export async function attackShare(
  model: Classifier,
  share: AttackShareSpec,
): Promise<AttackShareOutcome> {
  checkExperimentImages(share.images, [model]);
  const checked = checkExperimentAttack(share.attack, model.numClasses);
  const eps = checkEpsList([...share.eps]);
  checkSeed(share.seed);
  if (!Number.isInteger(share.start) || share.start < 0) {
    invalid(`start must be a whole number >= 0, got ${share.start}`);
  }
  return shareOutcome(model, checked, eps, share.images, share.seed, share.start);
}

/** Merges shares (in image order) into one outcome for the chunk. */
function mergeShares(parts: AttackShareOutcome[], count: number): AttackShareOutcome {
  const joined = (pick: (p: AttackShareOutcome) => AttackShareOutcome['clean']) => {
    const predicted = new Int32Array(count);
    const confidence = new Float32Array(count);
    let offset = 0;
    for (const part of parts) {
      const read = pick(part);
      predicted.set(read.predicted, offset);
      confidence.set(read.confidence, offset);
      offset += read.predicted.length;
    }
    return { predicted, confidence };
  };
  const epsCount = parts[0]?.attacked.length ?? 0;
  return {
    clean: joined((p) => p.clean),
    attacked: Array.from({ length: epsCount }, (_, e) =>
      joined((p) => p.attacked[e] as AttackShareOutcome['clean']),
    ),
  };
}

/** The fewest images worth sending to a peer. */
const MIN_SHARE = 8;

/**
 * One chunk's outcome. With peers, the chunk is cut into equal shares (peerShares.ts). PGD is
 * not cut: its random start is drawn for the whole batch, so shares would change its numbers.
 */
async function chunkOutcome(
  model: Classifier,
  checked: CheckedAttack,
  attack: ExperimentAttack,
  eps: readonly number[],
  images: ExperimentImages,
  seed: number,
  start: number,
  count: number,
  peers: PeerAttackShares | undefined,
): Promise<AttackShareOutcome> {
  const ways = checked.mode === 'pgd' ? 1 : waysFor(peers, Math.floor(count / MIN_SHARE));
  const parts = await runShared(
    count,
    ways,
    {
      shareOf: (from, to, forPeer): AttackShareSpec => ({
        modelId: model.id,
        attack,
        eps: [...eps],
        seed,
        start: start + from,
        images: imagesRange(images, start + from, start + to, forPeer),
      }),
      runHere: (share) => shareOutcome(model, checked, eps, share.images, seed, share.start),
    },
    peers,
  );
  return parts.length === 1 ? (parts[0] as AttackShareOutcome) : mergeShares(parts, count);
}

export async function testSetAttack(
  models: readonly Classifier[],
  attack: ExperimentAttack,
  epsList: readonly number[],
  images: ExperimentImages,
  seed: number,
  hooks: ExperimentHooks = {},
): Promise<AttackExperimentResult> {
  checkExperimentImages(images, models);
  const numClasses = models[0]?.numClasses ?? 0;
  const checked = checkExperimentAttack(attack, numClasses);
  const eps = checkEpsList([...epsList]);
  checkSeed(seed);
  const progress = new ProgressCounter(hooks, models.length * images.count * (1 + eps.length));
  progress.checkCancel();

  const rows: AttackRow[] = [];
  for (const model of models) {
    const clean = new ErrorTally();
    const tallies: RowTally[] = eps.map(() => ({
      errors: new ErrorTally(),
      targetHits: 0,
      targetEligible: 0,
    }));
    const peers = hooks.peersFor?.(model.id);
    for (const [start, count] of chunksFor(images.count, await withBudget(hooks, [model]))) {
      const labels = images.labels.subarray(start, start + count);
      const outcome = await chunkOutcome(
        model,
        checked,
        attack,
        eps,
        images,
        seed,
        start,
        count,
        peers,
      );
      clean.add(outcome.clean.predicted, outcome.clean.confidence, labels);
      eps.forEach((_, e) => {
        const attacked = outcome.attacked[e] as AttackShareOutcome['clean'];
        const tally = tallies[e] as RowTally;
        tally.errors.add(attacked.predicted, attacked.confidence, labels);
        const target = checked.targetClass;
        if (target === undefined) return;
        for (let i = 0; i < count; i++) {
          if (labels[i] === target) continue;
          tally.targetEligible++;
          if (attacked.predicted[i] === target) tally.targetHits++;
        }
      });
      await progress.step(count * (1 + eps.length), `${model.id}: ${attack.mode}`);
    }
    const cleanErrorRate = clean.figures().errorRate;
    eps.forEach((epsValue, e) => {
      const tally = tallies[e] as RowTally;
      const row: AttackRow = {
        modelId: model.id,
        eps: epsValue,
        cleanErrorRate,
        ...tally.errors.figures(),
      };
      if (checked.targetClass !== undefined) {
        row.targetHitRate = tally.targetEligible > 0 ? tally.targetHits / tally.targetEligible : 0;
      }
      rows.push(row);
    });
  }
  return { kind: 'attack', attack: { ...attack }, seed, rows };
}
