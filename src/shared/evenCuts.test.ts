import { describe, expect, it } from 'vitest';
import { evenCuts } from './evenCuts';

describe('evenCuts', () => {
  it('splits into parts that differ by at most one, covering everything', () => {
    expect(evenCuts(64, 3)).toEqual([0, 21, 43, 64]);
    expect(evenCuts(32, 2)).toEqual([0, 16, 32]);
    expect(evenCuts(5, 1)).toEqual([0, 5]);
  });
});
