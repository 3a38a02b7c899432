import { describe, expect, it } from 'vitest';
import { centreOfMass, inkBox, mnistPreprocess, shouldInvert } from './mnist';
import { prepareImage } from './prepare';
import { clamp01InPlace, rasterToPlane, type FloatPlane, type RgbaRaster } from './raster';
import { areaResize, centreCrop } from './resize';

function plane(width: number, height: number, f: (x: number, y: number) => number): FloatPlane {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = f(x, y);
  return { width, height, channels: 1, data };
}

function raster(width: number, height: number, f: (x: number, y: number) => number[]): RgbaRaster {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(f(x, y), (y * width + x) * 4);
  }
  return { width, height, data };
}

/** a dark "L"-ish stroke on light paper, off-centre: 60 wide, 90 tall in a 200x160 picture */
const paperDigit = (x: number, y: number) =>
  (x >= 30 && x < 45 && y >= 20 && y < 110) || (x >= 30 && x < 90 && y >= 95 && y < 110)
    ? 0.1
    : 0.9;

describe('area-average resize', () => {
  it('keeps a constant image constant (weights of each output pixel sum to 1)', () => {
    const src = plane(37, 23, () => 0.37);
    for (const [w, h] of [
      [5, 3],
      [28, 28],
      [100, 80],
    ] as const) {
      const out = areaResize(src, w, h);
      for (const v of out.data) expect(v).toBeCloseTo(0.37, 6);
    }
  });

  it('averages exactly the covered area: 4x4 -> 2x2 is the mean of each 2x2 block', () => {
    const src = plane(4, 4, (x, y) => y * 4 + x);
    const out = areaResize(src, 2, 2);
    expect(Array.from(out.data)).toEqual([2.5, 4.5, 10.5, 12.5]);
  });

  it('preserves the total mass (mean) when shrinking by a fractional factor', () => {
    const src = plane(10, 7, (x, y) => ((x * 7 + y * 3) % 5) / 4);
    const out = areaResize(src, 3, 4);
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(out.data)).toBeCloseTo(mean(src.data), 5);
  });

  it('centre crop picks the middle square of a wide and of a tall picture', () => {
    expect(centreCrop(300, 100, 28, 28)).toEqual({ x: 100, y: 0, width: 100, height: 100 });
    expect(centreCrop(100, 300, 28, 28)).toEqual({ x: 0, y: 100, width: 100, height: 100 });
    // the crop is what the photo recipe samples: left third 0, middle 1, right third 0
    const img = raster(300, 100, (x) =>
      x >= 100 && x < 200 ? [255, 255, 255, 255] : [0, 0, 0, 255],
    );
    const out = prepareImage(img, { recipe: 'photo', colour: 'grey' }, [8, 8, 1], {
      invert: 'auto',
      threshold: 0,
    });
    for (const v of out.image.data) expect(v).toBeCloseTo(1, 5);
  });
});

describe('MNIST recipe', () => {
  const grey = plane(200, 160, paperDigit);

  it('detects a light border and inverts: the ink becomes bright on dark', () => {
    expect(shouldInvert(grey, 'auto')).toBe(true);
    expect(
      shouldInvert(
        plane(10, 10, () => 0.1),
        'auto',
      ),
    ).toBe(false);
    const { plane: out, inverted } = mnistPreprocess(grey, { invert: 'auto', threshold: 0.2 });
    expect(inverted).toBe(true);
    expect(Math.max(...out.data)).toBeCloseTo(1, 5);
    // the corners are background: 0
    expect(out.data[0]).toBe(0);
    expect(out.data[27 * 28 + 27]).toBe(0);
  });

  it('fits the bounding box into 20 px on its long side, keeping the aspect ratio', () => {
    const { plane: out, box } = mnistPreprocess(grey, { invert: 'auto', threshold: 0.2 });
    expect(box).toEqual({ x: 30, y: 20, width: 60, height: 90 });
    const fitted = inkBox(out);
    expect(fitted?.height).toBe(20);
    // 60/90 of 20 = 13.3 -> 13 columns
    expect(fitted?.width).toBe(13);
  });

  it('puts the centre of mass within half a pixel of (14, 14)', () => {
    const { plane: out } = mnistPreprocess(grey, { invert: 'auto', threshold: 0.2 });
    const com = centreOfMass(out);
    expect(com).not.toBeNull();
    expect(Math.abs((com?.x ?? 0) - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs((com?.y ?? 0) - 14)).toBeLessThanOrEqual(0.5);
  });

  it('forced invert off: dark ink on paper is nothing brighter than its background, so empty', () => {
    const { inverted, empty } = mnistPreprocess(grey, { invert: 'off', threshold: 0.2 });
    expect(inverted).toBe(false);
    expect(empty).toBe(true);
    expect(mnistPreprocess(grey, { invert: 'on', threshold: 0.2 }).empty).toBe(false);
  });

  it('a blank picture, or one cut away by the threshold, is empty (all zeros, no NaN)', () => {
    const blank = mnistPreprocess(
      plane(50, 50, () => 1),
      { invert: 'auto', threshold: 0.2 },
    );
    expect(blank.empty).toBe(true);
    expect(blank.plane.data.every((v) => v === 0)).toBe(true);
  });

  it('a higher threshold removes faint ink (pixels below it become 0)', () => {
    // faint smudge 0.3 of the ink range beside a full stroke
    const g = plane(60, 60, (x, y) =>
      x >= 20 && x < 26 && y >= 10 && y < 50 ? 1 : x >= 40 && x < 44 && y >= 10 && y < 14 ? 0.3 : 0,
    );
    const low = inkBox(mnistPreprocess(g, { invert: 'off', threshold: 0.1 }).plane);
    const high = inkBox(mnistPreprocess(g, { invert: 'off', threshold: 0.5 }).plane);
    expect(low?.width).toBeGreaterThan(high?.width ?? 99);
  });
});

describe('raster to plane', () => {
  it('uses BT.601 luma and composites transparency over white by default', () => {
    const img = raster(2, 1, (x) => (x === 0 ? [255, 0, 0, 255] : [0, 0, 0, 0]));
    const p = rasterToPlane(img, 1);
    expect(p.data[0]).toBeCloseTo(0.299, 5);
    expect(p.data[1]).toBeCloseTo(1, 5);
  });

  it('composites over black when the opaque ink is light (white ink on a transparent sheet)', () => {
    const img = raster(2, 1, (x) => (x === 0 ? [255, 255, 255, 255] : [0, 0, 0, 0]));
    expect(Array.from(rasterToPlane(img, 1).data)).toEqual([1, 0]);
  });

  it('clamp01InPlace turns NaN and infinities into numbers in [0, 1]', () => {
    expect(
      Array.from(clamp01InPlace(Float32Array.from([NaN, Infinity, -Infinity, -1, 0.5, 2]))),
    ).toEqual([0, 1, 0, 0, 0.5, 1]);
  });
});

describe('prepareImage', () => {
  it('makes the MNIST tensor of the manifest shape, finite and in [0, 1]', () => {
    const img = raster(120, 80, (x, y) => {
      const v = Math.round(255 * paperDigit(x + 20, y + 10));
      return [v, v, v, 255];
    });
    const out = prepareImage(img, { recipe: 'mnist', colour: 'grey' }, [28, 28, 1], {
      invert: 'auto',
      threshold: 0.2,
    });
    expect(out.image).toMatchObject({ height: 28, width: 28, channels: 1 });
    expect(out.image.data.length).toBe(784);
    expect(out.image.data.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    expect(out.inverted).toBe(true);
  });

  it('repeats grey into three channels when the model wants RGB', () => {
    const img = raster(4, 4, () => [100, 100, 100, 255]);
    const out = prepareImage(img, { recipe: 'photo', colour: 'grey' }, [2, 2, 3], {
      invert: 'off',
      threshold: 0,
    });
    expect(out.image.data.length).toBe(12);
    for (const v of out.image.data) expect(v).toBeCloseTo(100 / 255, 5);
  });

  it('a crop decides what the model sees (a face in a corner fills the tensor)', () => {
    // a 100x60 picture: red square 20x20 at (70, 5), grey elsewhere
    const img = raster(100, 60, (x, y) =>
      x >= 70 && x < 90 && y >= 5 && y < 25 ? [255, 0, 0, 255] : [128, 128, 128, 255],
    );
    const adjust = { invert: 'off' as const, threshold: 0 };
    const spec = { recipe: 'photo', colour: 'rgb' } as const;
    const centred = prepareImage(img, spec, [4, 4, 3], { ...adjust, crop: null });
    expect(centred.image.data[0]).toBeCloseTo(128 / 255, 5);
    const crop = { x: 70, y: 5, width: 20, height: 20 };
    const cropped = prepareImage(img, spec, [4, 4, 3], { ...adjust, crop });
    for (let p = 0; p < 16; p++) {
      expect([...cropped.image.data.slice(p * 3, p * 3 + 3)]).toEqual([1, 0, 0]);
    }
    // the MNIST recipe crops first too: only the crop's ink is found
    const digits = prepareImage(img, { recipe: 'mnist', colour: 'grey' }, [28, 28, 1], {
      invert: 'off',
      threshold: 0.2,
      crop: { x: 0, y: 30, width: 30, height: 30 },
    });
    expect(digits.empty).toBe(true);
  });
});
