import { describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../engine/experimentTypes';
import { chartOf } from './chartData';

describe('experiment charts', () => {
  it('attack: one line per model through (0, clean error) and each (eps, attacked error)', () => {
    const r: ExperimentResult = {
      kind: 'attack',
      attack: { mode: 'fgsm' },
      seed: 0,
      rows: [
        {
          modelId: 'a',
          eps: 0.25,
          count: 10,
          cleanErrorRate: 0.1,
          errorRate: 0.9,
          meanConfidenceOnMistakes: 0.8,
        },
        {
          modelId: 'a',
          eps: 0.1,
          count: 10,
          cleanErrorRate: 0.1,
          errorRate: 0.5,
          meanConfidenceOnMistakes: 0.7,
        },
      ],
    };
    const chart = chartOf(r);
    expect(chart?.kind).toBe('lines');
    if (chart?.kind !== 'lines') return;
    expect(chart.series).toEqual([
      {
        name: 'a',
        points: [
          [0, 0.1],
          [0.1, 0.5],
          [0.25, 0.9],
        ],
      },
    ]);
  });

  it('names attacks as people read them, not by their ids', () => {
    const r: ExperimentResult = {
      kind: 'transfer',
      attack: { mode: 'random-sign' },
      eps: 0.25,
      seed: 0,
      models: ['a', 'b'],
      cells: [],
      count: 10,
    } as unknown as ExperimentResult;
    expect(chartOf(r)?.title).toBe('Transfer: error rate (random ±ε signs, ε = 0.25)');
    const a = { kind: 'attack', attack: { mode: 'uniform' }, seed: 0, rows: [] };
    expect(chartOf(a as unknown as ExperimentResult)?.title).toBe(
      'Error rate against ε (uniform noise U(−ε, ε))',
    );
  });

  it('shared directions need no chart', () => {
    const r: ExperimentResult = {
      kind: 'shared',
      modelId: 'a',
      eps: 0.25,
      seed: 0,
      cleanCorrect: 1,
      count: 2,
      rows: [],
      meanFlipRate: 0,
      ownFgsmFlipRate: 0,
      randomSignFlipRate: 0,
    };
    expect(chartOf(r)).toBeNull();
  });
});
