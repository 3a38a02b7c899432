import { describe, expect, it } from 'vitest';
import { CATEGORICAL_PALETTE, WHITE, type Rgb } from './colormaps';
import { closestPair, deltaE, simulate, type Deficiency } from './colourVision';

const DEFICIENCIES: Deficiency[] = ['protanopia', 'deuteranopia', 'tritanopia'];

/** matplotlib's (and d3's) category10, the maps' old colours */
const TAB10: Rgb[] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
];

/** far more than just noticeable (2.3): two map regions side by side must read as two */
const MIN_DELTA_E = 15;

describe('colour-vision simulation', () => {
  it('keeps greys grey (each row of the matrices sums to 1)', () => {
    for (const d of DEFICIENCIES) {
      for (const grey of [0, 128, 255]) {
        const seen = simulate([grey, grey, grey], d);
        for (const c of seen) expect(c).toBeCloseTo(grey, 0);
      }
    }
  });

  it('merges what deuteranopes confuse: red and green', () => {
    expect(deltaE([214, 39, 40], [44, 160, 44])).toBeGreaterThan(50);
    expect(
      deltaE(simulate([214, 39, 40], 'deuteranopia'), simulate([44, 160, 44], 'deuteranopia')),
    ).toBeLessThan(25);
  });

  it("finds the issue's near-identical pairs in the old category10 under deuteranopia", () => {
    const seen = TAB10.map((c) => simulate(c, 'deuteranopia'));
    const d = (i: number, j: number) => deltaE(seen[i]!, seen[j]!);
    // 1/8 and 0/4 are close under deuteranopia; normal vision tells them well apart
    expect(d(1, 8)).toBeLessThan(MIN_DELTA_E);
    expect(d(0, 4)).toBeLessThan(MIN_DELTA_E);
    expect(closestPair(TAB10, 'deuteranopia').deltaE).toBeLessThan(MIN_DELTA_E);
    expect(closestPair(TAB10, 'protanopia').deltaE).toBeLessThan(MIN_DELTA_E);
  });
});

describe('the class palette', () => {
  const withCorrect = [...CATEGORICAL_PALETTE, WHITE];
  it('keeps every two classes, and the white correct class, apart for normal vision', () => {
    expect(closestPair(withCorrect).deltaE).toBeGreaterThanOrEqual(MIN_DELTA_E);
  });
  for (const d of DEFICIENCIES) {
    it(`keeps every two classes, and the white correct class, apart under ${d}`, () => {
      const pair = closestPair(withCorrect, d);
      expect(pair.deltaE, `classes ${pair.i} and ${pair.j}`).toBeGreaterThanOrEqual(MIN_DELTA_E);
    });
  }
});
