import { describe, expect, it } from 'vitest';
import { imageAt, imagesToFloat, labelAt, type Dataset } from './dataset';

const ds: Dataset = {
  id: 'cifar10',
  split: 'test',
  count: 3,
  height: 1,
  width: 2,
  channels: 3,
  pixels: Uint8Array.from([0, 51, 255, 1, 2, 3, 10, 20, 30, 40, 50, 60, 254, 128, 127, 7, 8, 9]),
  labels: Uint8Array.from([4, 0, 9]),
  classNames: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
};

describe('imagesToFloat / imageAt', () => {
  it('gives pixel/255 rounded to float32, images back to back in HWC order', () => {
    const all = imagesToFloat(ds, 0, 3);
    expect(all.length).toBe(18);
    ds.pixels.forEach((b, i) => expect(all[i]).toBe(Math.fround(b / 255)));
    expect(all[0]).toBe(0);
    expect(all[2]).toBe(1);
    expect(all[1]).toBe(Math.fround(0.2));
    const two = imagesToFloat(ds, 1, 2);
    expect(Array.from(two)).toEqual(Array.from(all.subarray(6)));
  });

  it('returns one image with its shape', () => {
    const img = imageAt(ds, 2);
    expect([img.height, img.width, img.channels]).toEqual([1, 2, 3]);
    expect(Array.from(img.data)).toEqual([254, 128, 127, 7, 8, 9].map((b) => Math.fround(b / 255)));
    expect(labelAt(ds, 2)).toBe(9);
  });

  it('refuses ranges outside the set', () => {
    expect(() => imagesToFloat(ds, 2, 2)).toThrow(RangeError);
    expect(() => imageAt(ds, 3)).toThrow(/it has 3/);
    expect(() => imageAt(ds, -1)).toThrow(RangeError);
    expect(() => imageAt(ds, 0.5)).toThrow(RangeError);
    expect(imagesToFloat(ds, 3, 0).length).toBe(0);
  });
});
