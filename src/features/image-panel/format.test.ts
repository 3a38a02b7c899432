import { describe, expect, it } from 'vitest';
import { formatSigned } from './perturbationLegend';
import { formatPercent, rowsToShow, shortLabel } from './probabilityBars';

describe('probability rows', () => {
  it('keeps class order for up to ten classes', () => {
    const rows = rowsToShow([0.1, 0.7, 0.2], ['a', 'b', 'c']);
    expect(rows.map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });

  it('shows the ten most probable of a larger model, most probable first', () => {
    const p = Array.from({ length: 12 }, (_, i) => (i + 1) / 78); // sums to 1
    const rows = rowsToShow(p, []);
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => r.index)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    expect(rows[0]?.name).toBe('11');
  });

  it('shows the five most probable of a model with many classes, labels cut to fit', () => {
    const p = Array.from({ length: 1000 }, (_, i) =>
      i === 281 ? 0.5 : i === 285 ? 0.3 : 0.2 / 998,
    );
    const rows = rowsToShow(p, []);
    expect(rows).toHaveLength(5);
    expect(rows.slice(0, 2).map((r) => r.index)).toEqual([281, 285]);
    expect(shortLabel('tabby, tabby cat')).toBe('tabby');
    expect(shortLabel('Egyptian cat')).toBe('Egyptian c…');
    expect(shortLabel('cat')).toBe('cat');
  });

  it('formats percentages and signed scale ends', () => {
    expect(formatPercent(0.98765)).toBe('98.8%');
    expect(formatSigned(0.25)).toBe('+0.25');
    expect(formatSigned(-0.007)).toBe('−0.007');
    expect(formatSigned(0)).toBe('0');
    expect(formatSigned(-0.145)).toBe('−0.145');
    expect(formatSigned(0.5)).toBe('+0.5');
  });
});
