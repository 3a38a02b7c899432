import { describe, expect, it } from 'vitest';
import { mapRows, mapsOfPlanes, pairwiseOrder } from './mapPlanes';
import { planesShown } from './vocabulary';

describe('map planes', () => {
  it('shows both planes, FGSM first, for "both"; one plane otherwise', () => {
    expect(planesShown('both')).toEqual(['fgsm', 'random']);
    expect(planesShown('fgsm')).toEqual(['fgsm']);
    expect(planesShown('random')).toEqual(['random']);
  });

  it('keeps a block per plane, so the FGSM maps keep their positions', () => {
    const maps = mapsOfPlanes([{ imageIndex: 4 }, { imageIndex: 9 }], ['fgsm', 'random']);
    expect(maps).toEqual([
      { imageIndex: 4, horizontal: 'fgsm' },
      { imageIndex: 9, horizontal: 'fgsm' },
      { imageIndex: 4, horizontal: 'random' },
      { imageIndex: 9, horizontal: 'random' },
    ]);
  });

  it('pairs each image’s maps and computes them pair by pair', () => {
    expect(mapRows(3, 2)).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(pairwiseOrder(3, 2)).toEqual([0, 3, 1, 4, 2, 5]);
    expect(pairwiseOrder(3, 1)).toEqual([0, 1, 2]);
  });
});
