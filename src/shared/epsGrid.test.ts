import { describe, expect, it } from 'vitest';
import { symmetricGrid } from './epsGrid';

describe('symmetricGrid', () => {
  it('runs from -max to +max, evenly, exactly symmetric with an exact 0 for odd counts', () => {
    const g = symmetricGrid(0.3, 201);
    expect(g.length).toBe(201);
    expect(g[0]).toBe(Math.fround(-0.3));
    expect(g[200]).toBe(Math.fround(0.3));
    expect(g[100]).toBe(0);
    for (let i = 0; i < 201; i++) expect(g[i] === -(g[200 - i] as number)).toBe(true);
    for (let i = 1; i < 201; i++) {
      expect((g[i] as number) - (g[i - 1] as number)).toBeCloseTo(0.6 / 200, 6);
    }
  });

  it('has no 0 for even counts and handles max = 0', () => {
    expect(Array.from(symmetricGrid(1, 4))).toEqual([-1, -1 / 3, 1 / 3, 1].map(Math.fround));
    expect(Array.from(symmetricGrid(0, 3))).toEqual([0, 0, 0]);
  });

  it('rejects bad arguments', () => {
    expect(() => symmetricGrid(-1, 3)).toThrow(RangeError);
    expect(() => symmetricGrid(1, 1)).toThrow(RangeError);
    expect(() => symmetricGrid(1, 2.5)).toThrow(RangeError);
  });
});
