import { describe, expect, it } from 'vitest';
import { classSeries, nearestIndex, plottedClasses, stripIndices, valueExtent } from './sweepData';

/** 5 points x 3 classes; logit of class c at point i is (c - 1) * eps_i + c */
function makeResult() {
  const eps = new Float32Array([-0.2, -0.1, 0, 0.1, 0.2]);
  const logits = new Float32Array(15);
  for (let i = 0; i < 5; i++)
    for (let c = 0; c < 3; c++) logits[i * 3 + c] = (c - 1) * (eps[i] ?? 0) + c;
  const probabilities = logits.map(() => 1 / 3);
  return {
    eps,
    numClasses: 3,
    logits,
    probabilities,
    predictedClass: new Int32Array([2, 2, 2, 2, 2]),
  };
}

describe('sweep data helpers', () => {
  it('classSeries picks column c of the points x classes matrix', () => {
    const r = makeResult();
    expect([...classSeries(r, 'logits', 2)]).toEqual([...r.eps].map((e) => Math.fround(e + 2)));
    expect([...classSeries(r, 'probabilities', 0)]).toEqual(Array(5).fill(Math.fround(1 / 3)));
  });

  it('valueExtent spans the plotted logits, and is [0, 1] for probabilities', () => {
    const r = makeResult();
    // class 0: -eps (0.2 .. -0.2), class 2: eps + 2 (1.8 .. 2.2)
    expect(valueExtent(r, 'logits', [0, 2])).toEqual([Math.fround(-0.2), Math.fround(2.2)]);
    expect(valueExtent(r, 'logits', [1])).toEqual([0, 2]); // flat line widened by +-1
    expect(valueExtent(r, 'probabilities', [0, 1, 2])).toEqual([0, 1]);
  });

  it('nearestIndex finds the closest grid point, clamped at the ends', () => {
    const eps = [-0.2, -0.1, 0, 0.1, 0.2];
    expect(nearestIndex(eps, 0.04)).toBe(2);
    expect(nearestIndex(eps, 0.06)).toBe(3);
    expect(nearestIndex(eps, -9)).toBe(0);
    expect(nearestIndex(eps, 9)).toBe(4);
  });

  it('stripIndices spreads thumbnails evenly over the grid, ends included', () => {
    const eps = Array.from({ length: 201 }, (_, i) => -1 + i / 100);
    expect(stripIndices(eps, 11)).toEqual([0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200]);
    expect(stripIndices([-1, 0, 1], 11)).toEqual([0, 1, 2]);
  });

  it('plottedClasses keeps every class for small models and a readable subset for large ones', () => {
    expect(plottedClasses(makeResult(), 1)).toEqual([0, 1, 2]);
    const k = 50;
    const eps = new Float32Array([0, 1]);
    const logits = new Float32Array(2 * k);
    for (let c = 0; c < k; c++) logits[c] = logits[k + c] = c; // class 49 has the highest logit
    const big = {
      eps,
      numClasses: k,
      logits,
      probabilities: logits,
      predictedClass: new Int32Array([7, 8]),
    };
    const shown = plottedClasses(big, 3, 5);
    expect(shown).toHaveLength(5);
    expect(shown).toEqual([3, 7, 8, 48, 49]);
  });
});
