/** One entry for every experiment: the worker and the eval CLI both call this. */
import type { ExperimentResult, ExperimentSpec } from '../../experimentTypes';
import type { Classifier } from '../classifier';
import { invalid, type ExperimentHooks } from './common';
import { foolingImages } from './fooling';
import { DEFAULT_RUBBISH_TOP, rubbishClass } from './rubbish';
import { sharedDirections } from './sharedDirections';
import { testSetAttack } from './testSetAttack';
import { ensembleAttack, transfer } from './transfer';

/** Runs `spec`; `classifierOf` turns a model id into its classifier (throws when unknown). */
export async function runExperiment(
  spec: ExperimentSpec,
  classifierOf: (id: string) => Classifier,
  hooks: ExperimentHooks = {},
): Promise<ExperimentResult> {
  if (typeof spec !== 'object' || spec === null) invalid('the experiment spec must be an object');
  const many = (ids: unknown): Classifier[] => {
    if (!Array.isArray(ids) || ids.length === 0) invalid('choose at least one model');
    return ids.map((id) => classifierOf(String(id)));
  };
  switch (spec.kind) {
    case 'attack':
      return testSetAttack(many(spec.models), spec.attack, spec.eps, spec.images, spec.seed, hooks);
    case 'transfer':
      return transfer(many(spec.models), spec.attack, spec.eps, spec.images, spec.seed, hooks);
    case 'ensemble':
      return ensembleAttack(
        many(spec.members),
        spec.attack,
        spec.eps,
        spec.images,
        spec.seed,
        hooks,
      );
    case 'rubbish':
      return rubbishClass(
        many(spec.models),
        spec.count,
        spec.seed,
        hooks,
        spec.top ?? DEFAULT_RUBBISH_TOP,
      );
    case 'fooling': {
      const options = {
        count: spec.count,
        steps: spec.steps,
        eps: spec.eps,
        seed: spec.seed,
        ...(spec.classes !== undefined && { classes: spec.classes }),
        ...(spec.direction !== undefined && { direction: spec.direction }),
      };
      return foolingImages(classifierOf(spec.model), options, hooks);
    }
    case 'shared':
      return sharedDirections(
        classifierOf(spec.model),
        spec.images,
        spec.sources,
        spec.eps,
        spec.seed,
        hooks,
      );
    default:
      return invalid(`unknown experiment ${String((spec as { kind?: unknown }).kind)}`);
  }
}
