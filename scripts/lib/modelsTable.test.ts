import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../../src/models/manifest';
import { formatEps, modelsTable, replaceModelsTable } from './modelsTable';

const base: ModelManifest = {
  id: 'm',
  title: 'M',
  dataset: 'mnist',
  classNames: ['0', '1'],
  inputShape: [28, 28, 1],
  modelInputShape: [784],
  preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
  output: 'logits',
  format: 'layers',
  url: 'm/model.json',
  architecture: 'a',
};

describe('models table', () => {
  it('renders the measured figures as percentages, and dashes where none exist', () => {
    const measured: ModelManifest = {
      ...base,
      figures: {
        testImages: 10000,
        cleanErrorRate: 0.0744,
        fgsm: [{ eps: 0.25, errorRate: 1, meanConfidenceOnMistakes: 0.9078 }],
        randomSign: [{ eps: 0.25, errorRate: 0.531, meanConfidenceOnMistakes: 0.6658 }],
        uniform: [],
        pgd: {
          steps: 40,
          stepOverEps: 1 / 16,
          testImages: 1000,
          attacks: [{ eps: 0.25, errorRate: 0.125, meanConfidenceOnMistakes: 0.5 }],
        },
        command: 'c',
        backend: 'wasm',
        measuredOn: '2026-01-01',
      },
      training: {
        recipe: 'r',
        seed: 0,
        backend: 'wasm',
        epochs: 3,
        seconds: 75,
        machine: 'x',
        command: 'npm run train -- --model m',
      },
    };
    const table = modelsTable({ version: 1, models: [measured, { ...base, id: 'n' }] }).split('\n');
    expect(table).toHaveLength(4);
    expect(table[2]).toBe(
      '| `m` | MNIST | M | 10000 | 7.4% | ε=0.25: 100.0% (90.8%) | ε=0.25: 53.1% (66.6%) | - | 40 steps (first 1000 images):<br>ε=0.25: 12.5% (50.0%) | 1m15s, 3 epochs, wasm: `npm run train -- --model m` |',
    );
    expect(table[3]).toBe('| `n` | MNIST | M | - | - | - | - | - | - | - |');
  });

  it('lists every measured eps, writing small whole grey levels as k/255', () => {
    expect(formatEps(8 / 255)).toBe('8/255');
    expect(formatEps(0.1)).toBe('0.1');
    expect(formatEps(0.25)).toBe('0.25');
    const cifar: ModelManifest = {
      ...base,
      dataset: 'cifar10',
      figures: {
        testImages: 10,
        cleanErrorRate: 0.2,
        fgsm: [
          { eps: 0.1, errorRate: 0.9, meanConfidenceOnMistakes: 0.8 },
          { eps: 8 / 255, errorRate: 0.7, meanConfidenceOnMistakes: 0.6 },
        ],
        randomSign: [],
        uniform: [],
        command: 'c',
        backend: 'wasm',
        measuredOn: '2026-01-01',
      },
    };
    const row = modelsTable({ version: 1, models: [cifar] }).split('\n')[2];
    expect(row).toContain('| CIFAR-10 |');
    expect(row).toContain('| ε=0.1: 90.0% (80.0%)<br>ε=8/255: 70.0% (60.0%) |');
  });
});

describe('replaceModelsTable', () => {
  const readme = [
    '# X',
    '## Models',
    '',
    '| a |',
    '| --- |',
    '| 1 |',
    '',
    'text',
    '| other |',
  ].join('\n');

  it('replaces only the table under the Models heading', () => {
    const out = replaceModelsTable(readme, '| b |\n| --- |\n| 2 |');
    expect(out).toBe(
      ['# X', '## Models', '', '| b |', '| --- |', '| 2 |', '', 'text', '| other |'].join('\n'),
    );
  });

  it('names what is missing', () => {
    expect(() => replaceModelsTable('# X\n', '|')).toThrow(/no "## Models" heading/);
    expect(() => replaceModelsTable('## Models\ntext\n', '|')).toThrow(/no table/);
  });
});
