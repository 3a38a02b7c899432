import { describe, expect, it } from 'vitest';
import { bytesToRgba, quantise8, stillFools, toBytes } from './quantise';

describe('8-bit quantisation (what a saved PNG holds)', () => {
  const image = {
    data: Float32Array.from([0, 0.5, 1, 0.0019, 0.002, NaN]),
    height: 1,
    width: 6,
    channels: 1,
  };

  it('rounds each value to the nearest k/255, NaN to 0', () => {
    expect(Array.from(toBytes(image))).toEqual([0, 128, 255, 0, 1, 0]);
    const q = quantise8(image);
    for (const [i, v] of q.data.entries()) {
      expect(
        Math.abs(v - (Number.isNaN(image.data[i]) ? 0 : (image.data[i] ?? 0))),
      ).toBeLessThanOrEqual(1 / 510 + 1e-7);
      expect(Math.round(v * 255) / 255).toBeCloseTo(v, 7);
    }
  });

  it('quantising twice changes nothing more', () => {
    const q = quantise8(image);
    expect(Array.from(quantise8(q).data)).toEqual(Array.from(q.data));
  });

  it('grey bytes become opaque grey RGBA', () => {
    expect(
      Array.from(bytesToRgba(Uint8ClampedArray.from([7, 9]), { height: 1, width: 2, channels: 1 })),
    ).toEqual([7, 7, 7, 255, 9, 9, 9, 255]);
  });

  it('untargeted fools when the class differs from the loss label, targeted when it is the target', () => {
    expect(stillFools(3, 7, false)).toBe(true);
    expect(stillFools(7, 7, false)).toBe(false);
    expect(stillFools(7, 7, true)).toBe(true);
    expect(stillFools(3, 7, true)).toBe(false);
  });
});
