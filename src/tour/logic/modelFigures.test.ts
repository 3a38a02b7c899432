import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseModelIndex } from '../../models/registry';
import type { ModelIndex, ModelManifest } from '../../models/manifest';
import { attackRates, figureAt, percent, trainingFamilyRates } from './modelFigures';

const shipped: ModelIndex = parseModelIndex(
  JSON.parse(readFileSync(new URL('../../../models/index.json', import.meta.url), 'utf8')),
);

describe('figures from models/index.json', () => {
  it('finds the figures at an eps, not a neighbour', () => {
    const list = [
      { eps: 0.1, errorRate: 0.4, meanConfidenceOnMistakes: 0.5 },
      { eps: 0.25, errorRate: 0.9, meanConfidenceOnMistakes: 0.8 },
    ];
    expect(figureAt(list, 0.25)?.errorRate).toBe(0.9);
    expect(figureAt(list, 0.2)).toBeNull();
    expect(figureAt(undefined, 0.25)).toBeNull();
  });

  it('reads the shipped maxout network as the index states it', () => {
    const model = shipped.models.find((m) => m.id === 'mnist-maxout') as ModelManifest;
    const rates = attackRates(model, 0.25);
    expect(rates?.clean).toBe(model.figures?.cleanErrorRate);
    expect(rates?.fgsm?.errorRate).toBe(model.figures?.fgsm[0]?.errorRate);
    expect(rates?.randomSign?.errorRate).toBe(model.figures?.randomSign[0]?.errorRate);
  });

  it('lists the shipped members of the training family, naive first', () => {
    const rows = trainingFamilyRates(shipped, 0.25);
    expect(rows[0]?.rates.model.id).toBe('mnist-maxout');
    const ids = rows.map((r) => r.rates.model.id);
    expect(ids).toContain('mnist-maxout-adv');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('formats rates', () => {
    expect(percent(0.0744)).toBe('7.4%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(null)).toBe('—');
  });
});
