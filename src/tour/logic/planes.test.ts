import { describe, expect, it } from 'vitest';
import { planeCells, randomPlane } from './planes';

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
