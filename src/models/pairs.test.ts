import { describe, expect, it } from 'vitest';
import type { ModelManifest } from './manifest';
import { comparableModels, comparePartner, defaultModel } from './pairs';

function model(id: string, overrides: Partial<ModelManifest> = {}): ModelManifest {
  return {
    id,
    title: id,
    dataset: 'mnist',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    inputShape: [28, 28, 1],
    modelInputShape: [784],
    preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
    output: 'logits',
    format: 'layers',
    url: `${id}/model.json`,
    architecture: '',
    ...overrides,
  };
}

const zoo = [
  model('mnist-softmax'),
  model('mnist-logreg-3v7', { classNames: ['3', '7'] }),
  model('mnist-maxout'),
  model('mnist-maxout-adv'),
  model('fashion-maxout', { dataset: 'fashion-mnist' }),
  model('mnist-maxout-ensemble', { members: ['a', 'b'] }),
];

describe('defaultModel', () => {
  it("opens on the paper's maxout network, else the index's first model", () => {
    expect(defaultModel(zoo)?.id).toBe('mnist-maxout');
    expect(defaultModel([model('x'), model('y')])?.id).toBe('x');
    expect(defaultModel([])).toBeUndefined();
  });
});

describe('comparePartner', () => {
  it('pairs a naive model with its adversarially trained twin, and back', () => {
    expect(comparePartner(zoo[2]!, zoo)?.id).toBe('mnist-maxout-adv');
    expect(comparePartner(zoo[3]!, zoo)?.id).toBe('mnist-maxout');
  });
  it('else the first comparable single model; never another dataset or class list', () => {
    expect(comparePartner(zoo[0]!, zoo)?.id).toBe('mnist-maxout');
    expect(comparableModels(zoo[0]!, zoo).map((m) => m.id)).toEqual([
      'mnist-maxout',
      'mnist-maxout-adv',
      'mnist-maxout-ensemble',
    ]);
    expect(comparePartner(zoo[1]!, zoo)).toBeNull();
    expect(comparePartner(zoo[4]!, zoo)).toBeNull();
  });
});
