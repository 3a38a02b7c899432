import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierFromLayersModel } from '../../src/engine/core/layersClassifier';
import { parseModelManifest } from '../../src/models/registry';
import { findRecipe, RECIPES } from './architectures';
import { baseManifest } from './zooIndex';

const DIGITS = Array.from({ length: 10 }, (_, i) => String(i));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('recipes', () => {
  it('have unique ids and valid manifests the engine can read', () => {
    expect(new Set(RECIPES.map((r) => r.id)).size).toBe(RECIPES.length);
    for (const recipe of RECIPES) {
      const manifest = parseModelManifest(baseManifest(recipe, DIGITS));
      const model = recipe.build(recipe.seed, 784, manifest.classNames.length);
      // no dropout at all, or one rate per layer
      expect([0, model.layers.length]).toContain(recipe.dropout.length);
      const c = classifierFromLayersModel(model, manifest);
      const logits = c.logits(tf.zeros([2, ...manifest.inputShape]));
      expect(logits.shape).toEqual([2, manifest.classNames.length]);
      tf.dispose([logits]);
      model.dispose();
    }
  });

  it('end in a linear layer (no softmax or sigmoid)', () => {
    for (const recipe of RECIPES) {
      const model = recipe.build(0, 784, 10);
      const last = model.layers[model.layers.length - 1];
      expect(last?.getConfig()['activation'] ?? 'linear').toBe('linear');
      model.dispose();
    }
  });

  it('the CIFAR-10 conv net reads 32x32 RGB photos and holds out every tenth image', () => {
    const recipe = findRecipe('cifar10-conv');
    const manifest = baseManifest(recipe, DIGITS);
    expect(manifest.inputShape).toEqual([32, 32, 3]);
    expect(manifest.preprocessing).toEqual({ recipe: 'photo', colour: 'rgb', range: '0-1' });
    expect(recipe.holdOut).toBe('every-tenth');
    const model = recipe.build(0, 3072, 10);
    expect(model.layers.filter((l) => l.getClassName() === 'Conv2D')).toHaveLength(6);
    model.dispose();
  });

  it('3 vs 7 is a one-logit model with classes ["3", "7"]', () => {
    const recipe = findRecipe('mnist-logreg-3v7');
    expect(baseManifest(recipe, DIGITS).classNames).toEqual(['3', '7']);
    expect(recipe.output).toBe('binary-logit');
    expect(() => findRecipe('nope')).toThrow(/unknown model/);
  });

  it('the maxout nets have 240 units x 5 pieces per hidden layer', () => {
    const model = findRecipe('mnist-maxout').build(0, 784, 10);
    expect(model.getWeights().map((w) => w.shape)).toEqual([
      [784, 1200],
      [1200],
      [240, 1200],
      [1200],
      [240, 10],
      [10],
    ]);
  });
});
