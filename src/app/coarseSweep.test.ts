import { describe, expect, it } from 'vitest';
import { COARSE_SWEEP_POINTS, coarseSweepFirst } from './viewEffects';

const image = (h: number, w: number, c: number) => ({
  data: new Float32Array(h * w * c),
  height: h,
  width: w,
  channels: c,
});

describe('coarse sweep first', () => {
  const params = { epsMax: 0.1, points: 201, labelSource: 'predicted' as const };

  it('an ImageNet-size input gets a coarse curve first, of the same range and label', () => {
    expect(coarseSweepFirst(image(224, 224, 3), params)).toEqual({
      ...params,
      points: COARSE_SWEEP_POINTS,
    });
  });

  it('digits, CIFAR-10 and short sweeps go in one call', () => {
    expect(coarseSweepFirst(image(28, 28, 1), params)).toBeNull();
    expect(coarseSweepFirst(image(32, 32, 3), params)).toBeNull();
    expect(coarseSweepFirst(image(224, 224, 3), { ...params, points: 21 })).toBeNull();
  });
});
