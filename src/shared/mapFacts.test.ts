import { describe, expect, it } from 'vitest';
import { cellEps } from './crossSectionGrid';
import { mapFacts } from './mapFacts';

describe('mapFacts', () => {
  /** class 1 wherever the horizontal ε exceeds `edge`, else the correct class 0 */
  function halfSpace(resolution: number, epsMax: number, edge: number): Int32Array {
    const out = new Int32Array(resolution * resolution);
    for (let r = 0; r < resolution; r++)
      for (let c = 0; c < resolution; c++)
        out[r * resolution + c] = cellEps(epsMax, resolution, r, c)[0] > edge ? 1 : 0;
    return out;
  }

  it('a vertical boundary: every row flips at the same ε, and the wrong share is the area', () => {
    const f = mapFacts(halfSpace(11, 0.5, 0.25), 11, 0.5, 0);
    // grid ±0.5 in 11 points: 0.3, 0.4, 0.5 lie beyond 0.25
    expect(f.wrongShare).toBeCloseTo(3 / 11, 12);
    expect(f.wrongShareRight).toBeCloseTo(3 / 5, 12);
    expect(f.rowFlips.every((x) => x !== null && Math.abs(x - 0.3) < 1e-6)).toBe(true);
    expect(f.medianFlip).toBeCloseTo(0.3, 6);
    expect(f.rowsFlipping).toBe(1);
    expect(f.nearestWrong).toBeCloseTo(0.3, 6);
  });

  it('the nearest wrong cell counts in max-norm, in any direction', () => {
    const classes = new Int32Array(11 * 11);
    classes[0] = 4; // the corner (−0.5, +0.5)
    classes[5 * 11 + 3] = 2; // (−0.2, 0) on the centre row
    const f = mapFacts(classes, 11, 0.5, 0);
    expect(f.nearestWrong).toBeCloseTo(0.2, 6);
    expect(f.rowsFlipping).toBe(0); // neither lies right of the centre
  });

  it('an all-correct map has no flips', () => {
    const f = mapFacts(new Int32Array(16 * 16), 16, 0.5, 0);
    expect(f.wrongShare).toBe(0);
    expect(f.medianFlip).toBeNull();
    expect(f.rowsFlipping).toBe(0);
    expect(f.nearestWrong).toBeNull();
  });
});
