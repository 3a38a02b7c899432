import { describe, expect, it } from 'vitest';
import { cellAt, cellEps, centreCell, gridOffset } from './crossSectionGrid';
import { symmetricGrid } from './epsGrid';

describe('cross-section grid', () => {
  it('runs from -epsMax to +epsMax inclusive in equal steps', () => {
    const offsets = Array.from({ length: 5 }, (_, i) => gridOffset(0.2, 5, i));
    expect(offsets).toEqual([-0.2, -0.1, 0, 0.1, 0.2].map(Math.fround));
  });

  it('is exactly the engine grid symmetricGrid(epsMax, resolution), row 0 at its top end', () => {
    for (const [epsMax, n] of [
      [0.25, 64],
      [0.1, 65],
      [0.3, 17],
      [1 / 3, 256],
    ] as const) {
      const grid = symmetricGrid(epsMax, n);
      for (let i = 0; i < n; i++) {
        expect(gridOffset(epsMax, n, i)).toBe(grid[i]);
        expect(cellEps(epsMax, n, i, i)).toEqual([grid[i], grid[n - 1 - i]]);
      }
    }
  });

  it('puts row 0 at +epsMax (vertical) and column 0 at -epsMax (horizontal)', () => {
    const e = Math.fround(0.3);
    expect(cellEps(0.3, 7, 0, 0)).toEqual([-e, e]);
    expect(cellEps(0.3, 7, 6, 6)).toEqual([e, -e]);
  });

  it('the centre cell of an odd grid is the clean image (both offsets 0)', () => {
    const { row, col } = centreCell(65);
    const [h, v] = cellEps(0.25, 65, row, col);
    expect(Object.is(h, 0)).toBe(true);
    expect(Object.is(v, 0)).toBe(true);
  });

  it('cellAt inverts cellEps for every cell and clamps outside points', () => {
    for (let row = 0; row < 9; row++) {
      for (let col = 0; col < 9; col++) {
        const [h, v] = cellEps(0.25, 9, row, col);
        expect(cellAt(0.25, 9, h, v)).toEqual({ row, col });
      }
    }
    expect(cellAt(0.25, 9, 5, -5)).toEqual({ row: 8, col: 8 });
  });
});
