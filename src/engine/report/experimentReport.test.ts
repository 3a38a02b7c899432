import { describe, expect, it } from 'vitest';
import type { ExperimentResult, FoolingExperimentResult } from '../experimentTypes';
import { experimentJson, experimentTables, tablesCsv, tableText } from './experimentReport';

const transfer: ExperimentResult = {
  kind: 'transfer',
  attack: { mode: 'fgsm' },
  eps: 0.25,
  seed: 0,
  models: ['a', 'b'],
  cleanErrorRates: [0.01, 0.02],
  cells: [
    {
      source: 'a',
      target: 'a',
      count: 10,
      errorRate: 0.9,
      meanConfidenceOnMistakes: 0.8,
      bothWrong: 9,
      sameWrongClassRate: 1,
    },
    {
      source: 'a',
      target: 'b',
      count: 10,
      errorRate: 0.3,
      meanConfidenceOnMistakes: 0.6,
      bothWrong: 3,
      sameWrongClassRate: 2 / 3,
    },
    {
      source: 'b',
      target: 'a',
      count: 10,
      errorRate: 0.4,
      meanConfidenceOnMistakes: 0.7,
      bothWrong: 4,
      sameWrongClassRate: 0.5,
    },
    {
      source: 'b',
      target: 'b',
      count: 10,
      errorRate: 0.8,
      meanConfidenceOnMistakes: 0.9,
      bothWrong: 8,
      sameWrongClassRate: 1,
    },
  ],
};

describe('experiment report', () => {
  it('the transfer matrix has sources as rows and targets as columns', () => {
    const [matrix] = experimentTables(transfer);
    expect(matrix?.rows).toEqual([
      ['a', 0.9, 0.3],
      ['b', 0.4, 0.8],
    ]);
    expect(tableText(matrix!)).toContain('30.00%');
  });

  it('CSV keeps raw rates and quotes fields with commas', () => {
    const csv = tablesCsv(experimentTables(transfer));
    expect(csv).toContain('a,0.9,0.3');
    expect(csv.split('\n')[0]).toMatch(/^"# Transfer: .*"$|^# Transfer/);
  });

  it('JSON drops noise images unless asked for them', () => {
    const rubbish: ExperimentResult = {
      kind: 'rubbish',
      seed: 1,
      shape: [1, 2, 1],
      rows: [
        {
          modelId: 'a',
          count: 4,
          errorRate: 0.25,
          meanConfidenceOnMistakes: 0.7,
          classCounts: [1, 0],
          examples: [
            { index: 2, predictedClass: 0, confidence: 0.7, image: Float32Array.of(-1, 2) },
          ],
        },
      ],
    };
    expect(JSON.stringify(experimentJson(rubbish))).not.toContain('image');
    expect(JSON.stringify(experimentJson(rubbish, true))).toContain('"image":[-1,2]');
  });

  it('names the fooling targets by class when the model is known', () => {
    const row = (targetClass: number) => ({
      targetClass,
      successByStep: [0, 1],
      meanStepsToSuccess: 1,
      example: {
        index: 0,
        predictedClass: targetClass,
        confidence: 0.9,
        image: new Float32Array(1),
      },
    });
    const fooling: FoolingExperimentResult = {
      kind: 'fooling',
      modelId: 'cifar',
      eps: 0.25,
      steps: 1,
      count: 1,
      direction: 'gradient',
      seed: 0,
      shape: [1, 1, 1],
      rows: [row(0), row(3)],
    };
    const names = ['airplane', 'automobile', 'bird', 'cat'];
    const [named] = experimentTables(fooling, (id) => (id === 'cifar' ? names : undefined));
    expect(named?.rows.map((r) => r[0])).toEqual(['0 airplane', '3 cat']);
    const [plain] = experimentTables(fooling);
    expect(plain?.rows.map((r) => r[0])).toEqual(['0', '3']);
  });
});
