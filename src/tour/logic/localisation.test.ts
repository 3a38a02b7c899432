import { describe, expect, it } from 'vitest';
import type { LayerWeights } from '../../engine/api';
import { compareLocalisation, halfEnergyCount, localisation } from './localisation';

describe('halfEnergyCount', () => {
  it('is 1 for a single spike, n/2 for a flat filter, 0 for zeros', () => {
    const spike = new Float32Array(784);
    spike[300] = -2;
    expect(halfEnergyCount(spike)).toBe(1);
    expect(halfEnergyCount(new Float32Array(784).fill(0.1))).toBe(392);
    expect(halfEnergyCount(new Float32Array(10))).toBe(0);
  });

  it('counts by squared weight: 3 and 4 (9 + 16 = 25 of 50) need both of the big two', () => {
    expect(halfEnergyCount([1, 3, -4, 2, 2, 2, 2, 1, 1, 1, 1])).toBe(2);
  });
});

describe('localisation', () => {
  it('takes the median over units × pieces', () => {
    const size = 4;
    const flat = [1, 1, 1, 1]; // 2 pixels hold half
    const spike = [0, 0, 5, 0]; // 1 pixel
    const weights: LayerWeights = {
      layerName: 'maxout',
      kind: 'maxout',
      units: 1,
      pieces: 3,
      imageShape: [2, 2, 1],
      data: new Float32Array([...flat, ...spike, ...spike]),
    };
    expect(localisation(weights)).toEqual({ filters: 3, pixels: size, medianHalfEnergy: 1 });
  });
});

describe('compareLocalisation', () => {
  const at = (medianHalfEnergy: number) => ({ filters: 1, pixels: 784, medianHalfEnergy });
  it('calls a difference within 10% of the naive count similar', () => {
    expect(compareLocalisation(at(96), at(95))).toBe('similar');
    expect(compareLocalisation(at(100), at(110))).toBe('similar');
    expect(compareLocalisation(at(100), at(60))).toBe('more');
    expect(compareLocalisation(at(100), at(150))).toBe('less');
  });
});
