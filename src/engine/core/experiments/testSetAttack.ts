/**
 * Experiments 1 and 2: error rate and mean confidence on mistakes of each model on attacked test
 * images, for each eps; FGSM, its targeted variant, PGD, or the two same-max-norm noise controls.
 */
import type * as tf from '@tensorflow/tfjs';
import type {
  AttackExperimentResult,
  AttackRow,
  ExperimentAttack,
  ExperimentImages,
} from '../../experimentTypes';
import type { Classifier } from '../classifier';
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
  ProgressCounter,
  type ExperimentHooks,
} from './common';

interface RowTally {
  errors: ErrorTally;
  targetHits: number;
  targetEligible: number;
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
    for (const [start, count] of chunksFor(images.count, hooks)) {
      const x: tf.Tensor4D = imagesTensor(images, start, count);
      try {
        const labels = images.labels.subarray(start, start + count);
        const cleanPred = await classify(model, x);
        clean.add(cleanPred.predicted, cleanPred.confidence, labels);
        await progress.step(count, `${model.id}: clean images`);
        const lossLabels = checked.labelSource === 'true' ? labels : cleanPred.predicted;
        for (let e = 0; e < eps.length; e++) {
          const epsValue = eps[e] as number;
          const adversarial = attackedBatch(model, x, checked, epsValue, lossLabels, seed, start);
          let attacked;
          try {
            attacked = await classify(model, adversarial);
          } finally {
            adversarial.dispose();
          }
          const tally = tallies[e] as RowTally;
          tally.errors.add(attacked.predicted, attacked.confidence, labels);
          const target = checked.targetClass;
          if (target !== undefined) {
            for (let i = 0; i < count; i++) {
              if (labels[i] === target) continue;
              tally.targetEligible++;
              if (attacked.predicted[i] === target) tally.targetHits++;
            }
          }
          await progress.step(count, `${model.id}: ${attack.mode} eps ${epsValue}`);
        }
      } finally {
        x.dispose();
      }
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
