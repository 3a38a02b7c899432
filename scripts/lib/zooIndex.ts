/**
 * The model zoo's entries in models/index.json: a recipe's manifest before training, the
 * ensembles built from trained members, the archived models, and the order of the index.
 */
import type { ModelManifest } from '../../src/models/manifest';
import { RECIPES, type Recipe } from './architectures';
import { CIFAR_INPUT_SHAPE } from './convNet';

/** The manifest fields that follow from the recipe alone (no training or figures yet). */
export function baseManifest(recipe: Recipe, datasetClassNames: string[]): ModelManifest {
  const classNames =
    recipe.classNames ??
    (recipe.classFilter
      ? recipe.classFilter.map((c) => datasetClassNames[c] ?? String(c))
      : datasetClassNames);
  return {
    id: recipe.id,
    title: recipe.title,
    dataset: recipe.dataset,
    classNames,
    ...(recipe.dataset === 'cifar10'
      ? {
          inputShape: CIFAR_INPUT_SHAPE,
          modelInputShape: [...CIFAR_INPUT_SHAPE],
          preprocessing: { recipe: 'photo', colour: 'rgb', range: '0-1' } as const,
        }
      : {
          inputShape: [28, 28, 1] as [number, number, number],
          modelInputShape: [784],
          preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' } as const,
        }),
    output: recipe.output,
    format: 'layers',
    url: `${recipe.id}/model.json`,
    architecture: recipe.architecture,
  };
}

export interface EnsembleRecipe {
  id: string;
  title: string;
  members: string[];
  architecture: string;
}

export const ENSEMBLES: readonly EnsembleRecipe[] = [
  {
    id: 'mnist-maxout-ensemble',
    title: 'Ensemble of three maxout networks',
    members: ['mnist-maxout-s1', 'mnist-maxout-s2', 'mnist-maxout-s3'],
    architecture:
      'ensemble of mnist-maxout-s1..s3 (independently seeded maxout networks): predicts the mean ' +
      "of the members' softmax probabilities; FGSM attacks the whole ensemble. Owns no weights; " +
      'url points at the first member only because the manifest requires one',
  },
];

/**
 * Models kept for what they teach although no recipe makes them any more: the FGSM-trained maxout
 * network of the first zoo, whose FGSM error is low but whose noise and PGD errors are high
 * (gradient masking). See its index entry.
 */
export const ARCHIVED_MODELS: readonly string[] = ['mnist-maxout-adv-masked'];

/** Index order: the recipes, the archived models, then the ensembles. */
export const MODEL_ORDER: readonly string[] = [
  ...RECIPES.map((r) => r.id),
  ...ARCHIVED_MODELS,
  ...ENSEMBLES.map((e) => e.id),
];

/** An ensemble's index entry, from its first member's entry (same classes and input). */
export function ensembleManifest(
  recipe: EnsembleRecipe,
  firstMember: ModelManifest,
): ModelManifest {
  return {
    id: recipe.id,
    title: recipe.title,
    dataset: firstMember.dataset,
    classNames: [...firstMember.classNames],
    inputShape: [...firstMember.inputShape],
    modelInputShape: [...firstMember.modelInputShape],
    preprocessing: { ...firstMember.preprocessing },
    output: 'logits',
    format: 'layers',
    url: firstMember.url,
    architecture: recipe.architecture,
    members: [...recipe.members],
  };
}
