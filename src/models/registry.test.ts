import { describe, expect, it } from 'vitest';
import {
  ModelIndexError,
  fetchModelIndex,
  joinUrl,
  modelLabel,
  parseModelIndex,
  summarizeModel,
} from './registry';

function validModel(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'mnist-softmax',
    title: 'Softmax regression',
    dataset: 'mnist',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    inputShape: [28, 28, 1],
    modelInputShape: [784],
    preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
    output: 'logits',
    format: 'layers',
    url: 'mnist-softmax/model.json',
    architecture: 'dense 784-10',
    ...overrides,
  };
}

const figures = {
  testImages: 10000,
  cleanErrorRate: 0.0791,
  fgsm: [{ eps: 0.25, errorRate: 0.99, meanConfidenceOnMistakes: 0.8 }],
  randomSign: [],
  uniform: [],
  command: 'npm run eval -- mnist-softmax',
  backend: 'wasm',
  measuredOn: '2025-01-01',
};

function errorOf(f: () => unknown): ModelIndexError {
  try {
    f();
  } catch (e) {
    if (e instanceof ModelIndexError) return e;
    throw e;
  }
  throw new Error('expected a ModelIndexError');
}

describe('parseModelIndex', () => {
  it('accepts a valid index and keeps every field, optional ones included', () => {
    const index = parseModelIndex({
      version: 1,
      models: [validModel({ figures, logitsLayer: 'logits' })],
    });
    expect(index.models).toHaveLength(1);
    expect(index.models[0]?.figures?.cleanErrorRate).toBe(0.0791);
    expect(index.models[0]?.logitsLayer).toBe('logits');
    expect(index.models[0]?.inputShape).toEqual([28, 28, 1]);
  });

  it.each(['logits', 'probabilities', 'binary-logit', 'rbf'])("accepts output '%s'", (output) => {
    const index = parseModelIndex({ version: 1, models: [validModel({ output })] });
    expect(index.models[0]?.output).toBe(output);
  });

  it.each(['RBF', 'rbf-logits', 'exp', ''])("refuses output '%s', naming the kinds", (output) => {
    const error = errorOf(() => parseModelIndex({ version: 1, models: [validModel({ output })] }));
    expect(error.path).toBe('models[0].output');
    expect(error.message).toContain('rbf');
  });

  it('accepts an empty model list', () => {
    expect(parseModelIndex({ version: 1, models: [] }).models).toEqual([]);
  });

  it.each([
    ['version', { version: 2, models: [] }],
    ['models', { version: 1 }],
    ['models[0].dataset', { version: 1, models: [validModel({ dataset: 'svhn' })] }],
    ['models[0].inputShape', { version: 1, models: [validModel({ inputShape: [28, 28] })] }],
    ['models[0].inputShape[2]', { version: 1, models: [validModel({ inputShape: [28, 28, 0] })] }],
    ['models[0].classNames', { version: 1, models: [validModel({ classNames: ['only'] })] }],
    ['models[0].classNames[1]', { version: 1, models: [validModel({ classNames: ['a', 3] })] }],
    ['models[0].output', { version: 1, models: [validModel({ output: 'softmax' })] }],
    [
      'models[0].preprocessing.range',
      { version: 1, models: [validModel({ preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-2' } })] },
    ],
    [
      'models[0].figures.cleanErrorRate',
      { version: 1, models: [validModel({ figures: { ...figures, cleanErrorRate: 1.5 } })] },
    ],
    [
      'models[0].weights[0].sha256',
      { version: 1, models: [validModel({ weights: [{ path: 'w.bin', bytes: 4, sha256: 'xyz' }] })] },
    ],
    ['models[1].id', { version: 1, models: [validModel(), validModel()] }],
    ['models[0].title', { version: 1, models: [validModel({ title: '' })] }],
  ])('names the bad field %s', (path, index) => {
    const error = errorOf(() => parseModelIndex(index));
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
  });

  it('rejects a non-object root', () => {
    expect(errorOf(() => parseModelIndex([])).path).toBe('(root)');
  });
});

describe('fetchModelIndex', () => {
  const respond = (status: number, body: string) => async () => ({
    ok: status >= 200 && status < 300,
    status,
    text: async () => body,
  });

  it('fetches index.json under the base URL and validates it', async () => {
    let asked = '';
    const index = await fetchModelIndex('./models/', async (url) => {
      asked = url;
      return respond(200, JSON.stringify({ version: 1, models: [validModel()] }))();
    });
    expect(asked).toBe('./models/index.json');
    expect(index.models[0]?.id).toBe('mnist-softmax');
  });

  it('explains a missing index', async () => {
    await expect(fetchModelIndex('./models', respond(404, ''))).rejects.toThrow(/not found/);
  });

  it('explains invalid JSON', async () => {
    await expect(fetchModelIndex('./models', respond(200, '{oops'))).rejects.toThrow(
      /not valid JSON/,
    );
  });

  it('explains a network failure', async () => {
    const failing = async () => {
      throw new Error('offline');
    };
    await expect(fetchModelIndex('./models', failing)).rejects.toThrow(/offline/);
  });
});

describe('labels', () => {
  it('joins URLs with exactly one slash', () => {
    expect(joinUrl('./models/', './index.json')).toBe('./models/index.json');
    expect(joinUrl('./models', 'a/b.json')).toBe('./models/a/b.json');
  });

  it('shows title, dataset and the measured clean error', () => {
    const manifest = parseModelIndex({ version: 1, models: [validModel({ figures })] }).models[0];
    if (!manifest) throw new Error('missing');
    expect(modelLabel(summarizeModel(manifest))).toBe(
      'Softmax regression · MNIST · 7.91% clean error',
    );
    expect(modelLabel(summarizeModel({ ...manifest, figures: undefined }))).toBe(
      'Softmax regression · MNIST',
    );
  });
});
