import { describe, expect, it } from 'vitest';
import { crossSectionImage, sweepImage } from './perturb';

const image = { data: new Float32Array([0, 0.5, 1, 0.25]), height: 2, width: 2, channels: 1 };

describe('perturbed images', () => {
  it('sweep: x + eps * d, clipped only when asked', () => {
    const d = new Float32Array([1, -1, 1, -1]);
    expect([...sweepImage(image, d, 0.25).data]).toEqual([0.25, 0.25, 1.25, 0]);
    expect([...sweepImage(image, d, 0.25, [0, 1]).data]).toEqual([0.25, 0.25, 1, 0]);
    expect([...sweepImage(image, d, -0.5, [0, 1]).data]).toEqual([0, 1, 0.5, 0.75]);
  });

  it('cross-section: x + a * horizontal + b * vertical, the input left untouched', () => {
    const horizontal = new Float32Array([1, 1, -1, -1]);
    const vertical = new Float32Array([1, -1, 1, -1]);
    const out = crossSectionImage(image, { horizontal, vertical }, 0.125, 0.25);
    expect([...out.data]).toEqual([0.375, 0.375, 1.125, -0.125]);
    expect([...image.data]).toEqual([0, 0.5, 1, 0.25]);
    expect(out).toMatchObject({ height: 2, width: 2, channels: 1 });
  });

  it('matches float32 arithmetic x + fround(eps * d)', () => {
    const x = { data: new Float32Array([0.3]), height: 1, width: 1, channels: 1 };
    const eps = 0.1;
    const expected = Math.fround(Math.fround(0.3) + Math.fround(Math.fround(eps) * 1));
    expect(sweepImage(x, [1], eps).data[0]).toBe(expected);
  });

  it('cross-section: adds the two scaled directions first, as the engine does', () => {
    const x = { data: new Float32Array([0.7]), height: 1, width: 1, channels: 1 };
    const [a, b, h, v] = [0.1, 0.3, 1, -1].map(Math.fround) as [number, number, number, number];
    const expected = Math.fround(
      Math.fround(0.7) + Math.fround(Math.fround(a * h) + Math.fround(b * v)),
    );
    expect(crossSectionImage(x, { horizontal: [h], vertical: [v] }, a, b).data[0]).toBe(expected);
  });

  it('rejects a direction of the wrong length', () => {
    expect(() => sweepImage(image, [1, 2, 3], 0.1)).toThrow(RangeError);
  });
});
