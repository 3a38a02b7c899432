import { describe, expect, it } from 'vitest';
import {
  CATEGORICAL_PALETTE,
  INVALID_COLOR,
  WHITE,
  categoricalColor,
  classColor,
  classMapToRgba,
  divergingColor,
  divergingToRgba,
  hslToRgb,
  imageToRgba,
  rgbToHex,
  rgbWeightsToRgba,
  signToRgba,
  symmetricMaxAbs,
} from './colormaps';

/** distance of a colour from white */
const whiteness = ([r, g, b]: readonly number[]): number =>
  Math.hypot(255 - (r ?? 0), 255 - (g ?? 0), 255 - (b ?? 0));

describe('diverging colour map', () => {
  it('maps 0 to white, +1 to red and -1 to blue', () => {
    expect(divergingColor(0)).toEqual(WHITE);
    const [r1, , b1] = divergingColor(1);
    expect(r1).toBeGreaterThan(b1 + 100);
    const [r2, , b2] = divergingColor(-1);
    expect(b2).toBeGreaterThan(r2 + 100);
  });

  it('is symmetric: +t and -t are mirror images (red and blue swapped) for every t', () => {
    for (let t = 0; t <= 1.0001; t += 0.05) {
      const [r, g, b] = divergingColor(t);
      expect(divergingColor(-t)).toEqual([b, g, r]);
    }
  });

  it('moves away from white monotonically as |t| grows, and clamps beyond 1', () => {
    let previous = -1;
    for (let t = 0; t <= 1.0001; t += 0.1) {
      const d = whiteness(divergingColor(t));
      expect(d).toBeGreaterThan(previous);
      previous = d;
    }
    expect(divergingColor(3)).toEqual(divergingColor(1));
    expect(divergingColor(-3)).toEqual(divergingColor(-1));
  });

  it('shows NaN as the invalid grey, not as zero', () => {
    expect(divergingColor(NaN)).toEqual(INVALID_COLOR);
  });

  it('writes RGBA with the shared scale: v = maxAbs is the full red, v = 0 white', () => {
    const rgba = divergingToRgba(new Float32Array([0, 2, -2, 1]), 2);
    expect([...rgba.slice(0, 4)]).toEqual([255, 255, 255, 255]);
    expect([...rgba.slice(4, 7)]).toEqual([...divergingColor(1)]);
    expect([...rgba.slice(8, 11)]).toEqual([...divergingColor(-1)]);
    expect([...rgba.slice(12, 15)]).toEqual([...divergingColor(0.5)]);
  });

  it('sign(w) uses the full colours: positive red, negative blue, zero white, NaN grey', () => {
    const rgba = signToRgba([0.001, -3, 0, NaN]);
    expect([...rgba.slice(0, 3)]).toEqual([...divergingColor(1)]);
    expect([...rgba.slice(4, 7)]).toEqual([...divergingColor(-1)]);
    expect([...rgba.slice(8, 11)]).toEqual([...WHITE]);
    expect([...rgba.slice(12, 15)]).toEqual([...INVALID_COLOR]);
  });

  it('an all-zero scale paints everything white instead of dividing by zero', () => {
    const rgba = divergingToRgba([0, 0], 0);
    expect([...rgba]).toEqual([255, 255, 255, 255, 255, 255, 255, 255]);
  });
});

describe('symmetricMaxAbs', () => {
  it('is the largest |v| over all arrays, ignoring non-finite values', () => {
    expect(symmetricMaxAbs([0.1, -0.5], new Float32Array([0.25, -0.125]))).toBe(0.5);
    expect(symmetricMaxAbs([1], [-3, NaN, Infinity])).toBe(3);
    expect(symmetricMaxAbs([])).toBe(0);
  });
});

describe('categorical palette', () => {
  it('gives distinct, non-white colours to the first ten classes', () => {
    const hex = new Set(CATEGORICAL_PALETTE.map(rgbToHex));
    expect(hex.size).toBe(10);
    for (let c = 0; c < 10; c++) expect(whiteness(categoricalColor(c))).toBeGreaterThan(80);
  });

  it('continues past ten with mid-lightness hues that are never near white', () => {
    const seen = new Set<string>();
    for (let c = 10; c < 1000; c++) {
      const colour = categoricalColor(c);
      expect(whiteness(colour)).toBeGreaterThan(80);
      seen.add(rgbToHex(colour));
    }
    expect(seen.size).toBeGreaterThan(300);
  });

  it('draws the correct class white and every other class in its own colour', () => {
    expect(classColor(3, 3)).toEqual(WHITE);
    expect(classColor(2, 3)).toEqual(categoricalColor(2));
    expect(classColor(2)).toEqual(categoricalColor(2));
    const rgba = classMapToRgba(new Int32Array([3, 2]), 3);
    expect([...rgba]).toEqual([255, 255, 255, 255, ...categoricalColor(2), 255]);
    // a cell not computed yet (-1) is transparent
    expect([...classMapToRgba([-1], 3)]).toEqual([0, 0, 0, 0]);
  });

  it('hslToRgb matches known CSS colours', () => {
    expect(hslToRgb(0, 1, 0.5)).toEqual([255, 0, 0]);
    expect(hslToRgb(120, 1, 0.5)).toEqual([0, 255, 0]);
    expect(hslToRgb(240, 1, 0.25)).toEqual([0, 0, 128]);
    expect(rgbToHex([31, 119, 180])).toBe('#1f77b4');
  });
});

describe('image to RGBA', () => {
  it('clips to [0, 1] for display and repeats grey into R, G and B', () => {
    const rgba = imageToRgba({
      data: new Float32Array([-0.5, 0.5, 1.7]),
      height: 1,
      width: 3,
      channels: 1,
    });
    expect([...rgba]).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  });

  it('keeps RGB channels apart', () => {
    const rgba = imageToRgba({ data: [1, 0, 0.2], height: 1, width: 1, channels: 3 });
    expect([...rgba]).toEqual([255, 0, 51, 255]);
  });

  it('shows RGB weights as colour around mid grey: 0 -> 128, +maxAbs -> 255, -maxAbs -> 0', () => {
    expect([...rgbWeightsToRgba([0, 0.5, -0.5], 0.5)]).toEqual([128, 255, 0, 255]);
  });
});
