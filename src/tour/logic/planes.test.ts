import { describe, expect, it } from 'vitest';
import { cellEps } from '../../shared/crossSectionGrid';
import { mapFacts, planeCells, randomPlane } from './planes';

describe('randomPlane', () => {
  it('gives two orthogonal directions of max-norm 1, the same for the same seed', () => {
    const p = randomPlane(784, 3);
    let dot = 0;
    let hMax = 0;
    let vMax = 0;
    for (let i = 0; i < 784; i++) {
      dot += (p.horizontal[i] ?? 0) * (p.vertical[i] ?? 0);
      hMax = Math.max(hMax, Math.abs(p.horizontal[i] ?? 0));
      vMax = Math.max(vMax, Math.abs(p.vertical[i] ?? 0));
    }
    expect(Math.abs(dot)).toBeLessThan(1e-3);
    expect(hMax).toBe(1);
    expect(vMax).toBeCloseTo(1, 6);
    expect(randomPlane(784, 3).vertical).toEqual(p.vertical);
    expect(randomPlane(784, 4).vertical).not.toEqual(p.vertical);
  });
});

describe('planeCells', () => {
  it('puts x + a·h + b·v in each cell in the engine layout, clipped', () => {
    const image = { data: new Float32Array([0.5, 0.5]), height: 1, width: 2, channels: 1 };
    const plane = { horizontal: new Float32Array([1, 0]), vertical: new Float32Array([0, 1]) };
    const cells = planeCells(image, plane, 0.8, 3, [0, 3]);
    expect(cells).toHaveLength(9);
    // row 0 is +0.8 vertical; column 0 is −0.8 horizontal
    expect(Array.from(cells[0]?.data ?? [])).toEqual([0, 1]);
    expect(Array.from(cells[4]?.data ?? [])).toEqual([0.5, 0.5]);
    expect(Array.from(cells[8]?.data ?? [])).toEqual([1, 0]);
    const rowOne = planeCells(image, plane, 0.8, 3, [1, 2]);
    expect(rowOne).toHaveLength(3);
    expect(Array.from(rowOne[2]?.data ?? [])).toEqual([1, 0.5]);
  });
});

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
