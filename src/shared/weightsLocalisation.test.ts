import { describe, expect, it } from 'vitest';
import {
  localisationLine,
  weightsLocalisation,
  type LocalisationInput,
} from './weightsLocalisation';

/** A 10 x 10 grey layer of the given filters (each 100 values). */
function layer(filters: number[][], kind = 'dense'): LocalisationInput {
  return {
    kind,
    units: filters.length,
    pieces: 1,
    imageShape: [10, 10, 1],
    data: Float32Array.from(filters.flat()),
  };
}

const even = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 0.5 : -0.5));
/** all its mass in 10 pixels, signs mixed */
const local = Array.from({ length: 100 }, (_, i) => (i < 10 ? (i % 2 ? 2 : -2) : 0));

describe('weightsLocalisation', () => {
  it('weights spread evenly: the top 10% of pixels hold 10% of |w|', () => {
    const loc = weightsLocalisation(layer([even]));
    expect(loc?.topShare).toBeCloseTo(0.1, 12);
    expect([loc?.pixels, loc?.topPixels, loc?.filters]).toEqual([100, 10, 1]);
  });

  it('weights on 10 pixels: 100%; the mean over filters, all-zero filters left out', () => {
    expect(weightsLocalisation(layer([local]))?.topShare).toBeCloseTo(1, 12);
    const mixed = weightsLocalisation(layer([even, local, new Array<number>(100).fill(0)]));
    expect(mixed?.topShare).toBeCloseTo(0.55, 12);
    expect(mixed?.filters).toBe(2);
  });

  it('a colour pixel is one place: its channels add up', () => {
    // 2 x 5 x 3: pixel 0 has mass 3 (1 per channel), the other 9 pixels none
    const data = new Float32Array(30);
    data.set([1, -1, 1], 0);
    const loc = weightsLocalisation({
      kind: 'conv',
      units: 1,
      pieces: 1,
      imageShape: [2, 5, 3],
      data,
    });
    expect([loc?.pixels, loc?.topPixels, loc?.topShare]).toEqual([10, 1, 1]);
  });

  it('says nothing about RBF centres, and writes a line a person can read', () => {
    expect(weightsLocalisation(layer([even], 'rbf'))).toBeNull();
    expect(localisationLine('Maxout', weightsLocalisation(layer([even, local])))).toBe(
      'Maxout: top 10% of pixels hold 55% of |w| (mean of 2 filters)',
    );
  });
});
