/**
 * Experiment 3 (transfer) and the ensemble experiment: adversarial examples made on one model
 * (the source) are classified by others (the targets). A model evaluated on its own examples
 * gives exactly its attacked error, so the matrix diagonal is experiment 1's number.
 */
import type {
  EnsembleExperimentResult,
  ExperimentAttack,
  ExperimentImages,
  TransferCell,
  TransferExperimentResult,
} from '../../experimentTypes';
import type { Classifier } from '../classifier';
import { ensembleClassifier } from '../classifiers';
import {
  attackedBatch,
  checkEps,
  checkExperimentAttack,
  checkExperimentImages,
  checkSeed,
  chunksFor,
  classify,
  ErrorTally,
  imagesTensor,
  invalid,
  ProgressCounter,
  type ExperimentHooks,
  withBudget,
} from './common';

interface PairTally {
  errors: ErrorTally;
  bothWrong: number;
  sameWrongClass: number;
}

interface CrossResult {
  /** each model of sources then targets (first appearance), on the clean images */
  clean: ErrorTally[];
  /** sources x targets */
  pairs: PairTally[][];
  /** each source on its own examples */
  own: ErrorTally[];
}

/** Every source attacks every chunk once; every target classifies every source's examples. */
async function crossEvaluate(
  sources: readonly Classifier[],
  targets: readonly Classifier[],
  attack: ExperimentAttack,
  eps: number,
  images: ExperimentImages,
  seed: number,
  hooks: ExperimentHooks,
): Promise<CrossResult> {
  const all = [...new Set([...sources, ...targets])];
  checkExperimentImages(images, all);
  const checked = checkExperimentAttack(attack, all[0]?.numClasses ?? 0);
  checkEps(eps);
  checkSeed(seed);
  const progress = new ProgressCounter(hooks, images.count * (1 + sources.length));
  progress.checkCancel();
  const clean = all.map(() => new ErrorTally());
  const pairs: PairTally[][] = sources.map(() =>
    targets.map(() => ({ errors: new ErrorTally(), bothWrong: 0, sameWrongClass: 0 })),
  );
  const own = sources.map(() => new ErrorTally());

  for (const [start, count] of chunksFor(images.count, await withBudget(hooks, all))) {
    const x = imagesTensor(images, start, count);
    try {
      const labels = images.labels.subarray(start, start + count);
      const cleanPredicted = new Map<Classifier, Int32Array>();
      for (let m = 0; m < all.length; m++) {
        const model = all[m] as Classifier;
        const p = await classify(model, x);
        clean[m]?.add(p.predicted, p.confidence, labels);
        cleanPredicted.set(model, p.predicted);
      }
      await progress.step(count, 'clean images');
      for (let s = 0; s < sources.length; s++) {
        const source = sources[s] as Classifier;
        const lossLabels =
          checked.labelSource === 'true' ? labels : (cleanPredicted.get(source) as Int32Array);
        const adversarial = attackedBatch(source, x, checked, eps, lossLabels, seed, start);
        try {
          const onSource = await classify(source, adversarial);
          own[s]?.add(onSource.predicted, onSource.confidence, labels);
          for (let t = 0; t < targets.length; t++) {
            const target = targets[t] as Classifier;
            const onTarget = target === source ? onSource : await classify(target, adversarial);
            const pair = pairs[s]?.[t] as PairTally;
            pair.errors.add(onTarget.predicted, onTarget.confidence, labels);
            for (let i = 0; i < count; i++) {
              const label = labels[i];
              const a = onSource.predicted[i];
              const b = onTarget.predicted[i];
              if (a !== label && b !== label) {
                pair.bothWrong++;
                if (a === b) pair.sameWrongClass++;
              }
            }
          }
        } finally {
          adversarial.dispose();
        }
        await progress.step(count, `examples made on ${source.id}`);
      }
    } finally {
      x.dispose();
    }
  }
  return { clean, pairs, own };
}

export async function transfer(
  models: readonly Classifier[],
  attack: ExperimentAttack,
  eps: number,
  images: ExperimentImages,
  seed: number,
  hooks: ExperimentHooks = {},
): Promise<TransferExperimentResult> {
  const { clean, pairs } = await crossEvaluate(models, models, attack, eps, images, seed, hooks);
  const cells: TransferCell[] = [];
  models.forEach((source, s) =>
    models.forEach((target, t) => {
      const pair = pairs[s]?.[t] as PairTally;
      cells.push({
        source: source.id,
        target: target.id,
        ...pair.errors.figures(),
        bothWrong: pair.bothWrong,
        sameWrongClassRate: pair.bothWrong > 0 ? pair.sameWrongClass / pair.bothWrong : 0,
      });
    }),
  );
  return {
    kind: 'transfer',
    attack: { ...attack },
    eps,
    seed,
    models: models.map((m) => m.id),
    cleanErrorRates: clean.map((t) => t.figures().errorRate),
    cells,
  };
}

/** The ensemble of `members` (mean probability), attacked whole and through each member. */
export async function ensembleAttack(
  members: readonly Classifier[],
  attack: ExperimentAttack,
  eps: number,
  images: ExperimentImages,
  seed: number,
  hooks: ExperimentHooks = {},
): Promise<EnsembleExperimentResult> {
  if (members.length < 2) invalid('an ensemble experiment needs at least two members');
  const ensemble = ensembleClassifier(members, 'ensemble');
  const sources = [ensemble, ...members];
  const { clean, pairs, own } = await crossEvaluate(
    sources,
    [ensemble],
    attack,
    eps,
    images,
    seed,
    hooks,
  );
  return {
    kind: 'ensemble',
    attack: { ...attack },
    eps,
    seed,
    members: members.map((m) => m.id),
    cleanErrorRate: clean[0]?.figures().errorRate ?? 0,
    memberCleanErrorRates: clean.slice(1).map((t) => t.figures().errorRate),
    rows: sources.map((source, s) => ({
      source: source.id,
      ensemble: (pairs[s]?.[0] as PairTally).errors.figures(),
      sourceOwn: (own[s] as ErrorTally).figures(),
    })),
  };
}
