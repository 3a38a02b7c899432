import { describe, expect, it } from 'vitest';
import { cropFromDrag, cropRegion, fitCrop, moveCrop, scaleCrop } from './crop';

describe('crop geometry', () => {
  it('no crop: the largest centred rectangle of the model’s aspect', () => {
    expect(cropRegion(null, 400, 300, 1)).toEqual({ x: 50, y: 0, width: 300, height: 300 });
    expect(cropRegion(null, 400, 300, 2)).toEqual({ x: 0, y: 50, width: 400, height: 200 });
  });

  it('a crop is made of the aspect and kept inside the picture', () => {
    expect(fitCrop({ x: 350, y: 250, width: 100, height: 100 }, 400, 300, 1)).toEqual({
      x: 300,
      y: 200,
      width: 100,
      height: 100,
    });
    // a 2:1 model: the square grows to 200 x 100 about its centre, so all it showed stays in
    expect(fitCrop({ x: 50, y: 50, width: 100, height: 100 }, 400, 300, 2)).toEqual({
      x: 0,
      y: 50,
      width: 200,
      height: 100,
    });
    // never bigger than the picture, never below MIN_CROP_SIDE
    expect(fitCrop({ x: 0, y: 0, width: 900, height: 900 }, 400, 300, 1).width).toBe(300);
    expect(fitCrop({ x: 10, y: 10, width: 1, height: 1 }, 400, 300, 1).width).toBe(8);
  });

  it('dragging from a corner: the larger extent decides the side, toward the pointer', () => {
    expect(cropFromDrag(100, 100, 160, 120, 400, 300, 1)).toEqual({
      x: 100,
      y: 100,
      width: 60,
      height: 60,
    });
    expect(cropFromDrag(100, 100, 40, 90, 400, 300, 1)).toEqual({
      x: 40,
      y: 40,
      width: 60,
      height: 60,
    });
    // cannot run past the edge
    expect(cropFromDrag(350, 10, 399, 290, 400, 300, 1).width).toBe(50);
  });

  it('moving and scaling stay inside the picture', () => {
    const c = { x: 10, y: 10, width: 50, height: 50 };
    expect(moveCrop(c, -100, 5, 400, 300)).toEqual({ ...c, x: 0, y: 15 });
    expect(moveCrop(c, 1000, 1000, 400, 300)).toEqual({ ...c, x: 350, y: 250 });
    expect(scaleCrop(c, 2, 400, 300, 1)).toEqual({ x: 0, y: 0, width: 100, height: 100 });
  });
});
