import { describe, expect, it } from 'vitest';
import {
  BLOCK_GAP,
  IMAGE_GAP,
  LABEL_HEIGHT,
  channelSlice,
  pageInfo,
  panelLayout,
  scaleKey,
  sharedScales,
  shownChannels,
  unitSlice,
  weightsDisplay,
} from './weightsLayout';

describe('weights paging', () => {
  it('splits units into pages of unitsPerPage, the last one shorter', () => {
    expect(pageInfo(0, 16, 240)).toEqual({ page: 0, pageCount: 15, start: 0, end: 16 });
    expect(pageInfo(14, 16, 240)).toEqual({ page: 14, pageCount: 15, start: 224, end: 240 });
    expect(pageInfo(2, 16, 40)).toEqual({ page: 2, pageCount: 3, start: 32, end: 40 });
  });

  it('clamps pages outside the range and copes with a single unit', () => {
    expect(pageInfo(99, 16, 40).page).toBe(2);
    expect(pageInfo(-3, 16, 40).page).toBe(0);
    expect(pageInfo(0, 16, 1)).toEqual({ page: 0, pageCount: 1, start: 0, end: 1 });
  });

  it('every unit appears on exactly one page', () => {
    const seen: number[] = [];
    const { pageCount } = pageInfo(0, 7, 50);
    for (let p = 0; p < pageCount; p++) {
      const { start, end } = pageInfo(p, 7, 50);
      for (let u = start; u < end; u++) seen.push(u);
    }
    expect(seen).toEqual(Array.from({ length: 50 }, (_, u) => u));
  });
});

describe('weights slices', () => {
  // 2 units x 3 pieces x (1 x 2 x 2) weights; value = unit*100 + piece*10 + flat pixel index
  const data = new Float32Array(24);
  for (let u = 0; u < 2; u++)
    for (let p = 0; p < 3; p++)
      for (let i = 0; i < 4; i++) data[(u * 3 + p) * 4 + i] = u * 100 + p * 10 + i;
  const weights = { units: 2, pieces: 3, imageShape: [1, 2, 2] as const, data };

  it('unitSlice is unit-major then piece', () => {
    expect([...unitSlice(weights, 1, 2)]).toEqual([120, 121, 122, 123]);
    expect(() => unitSlice(weights, 2, 0)).toThrow(RangeError);
  });

  it('channelSlice takes every c-th value of an HWC image', () => {
    expect([...channelSlice(unitSlice(weights, 0, 1), 2, 1)]).toEqual([11, 13]);
  });

  it('chooses the Fig. 2 layout for one unit with one piece, Fig. 3 for maxout', () => {
    expect(weightsDisplay({ units: 1, pieces: 1 })).toBe('logistic');
    expect(weightsDisplay({ units: 240, pieces: 5 })).toBe('pieces');
    expect(weightsDisplay({ units: 10, pieces: 1 })).toBe('units');
    expect(shownChannels(1, 'channels')).toBe(1);
    expect(shownChannels(3, 'colour')).toBe(1);
    expect(shownChannels(3, 'filter')).toBe(1);
    expect(shownChannels(3, 'channels')).toBe(3);
    expect(shownChannels(4, 'colour')).toBe(4);
  });
});

describe('panel layout', () => {
  it('puts one maxout unit per row when only one block fits, with integer scaling', () => {
    // 5 pieces of 28 px in 460 px: scale 3 (84 px), block 5*84 + 4*gap
    const layout = panelLayout(3, 5, 28, 28, 460);
    expect(layout.scale).toBe(3);
    expect(layout.blockWidth).toBe(5 * 84 + 4 * IMAGE_GAP);
    expect(layout.blocks.map((b) => [b.x, b.y])).toEqual([
      [0, 0],
      [0, LABEL_HEIGHT + 84 + BLOCK_GAP],
      [0, 2 * (LABEL_HEIGHT + 84 + BLOCK_GAP)],
    ]);
    expect(layout.blocks[0]?.images[4]).toEqual({ x: 4 * (84 + IMAGE_GAP), y: LABEL_HEIGHT });
    expect(layout.height).toBe(3 * (LABEL_HEIGHT + 84) + 2 * BLOCK_GAP);
  });

  it('packs single images into rows and never exceeds the width when more than one fits', () => {
    const layout = panelLayout(10, 1, 28, 28, 400);
    expect(layout.scale).toBe(4); // capped at MAX_IMAGE_SIZE = 112
    for (const b of layout.blocks) expect(b.x + layout.blockWidth).toBeLessThanOrEqual(400);
    expect(new Set(layout.blocks.map((b) => b.y)).size).toBe(Math.ceil(10 / 3));
  });

  it('falls back to 1 px per weight on a very narrow panel', () => {
    expect(panelLayout(1, 5, 28, 28, 100).scale).toBe(1);
  });
});

describe('shared colour scales', () => {
  it('one scale over both models: max |w| of either', () => {
    const a = {
      kind: 'maxout',
      units: 1,
      pieces: 2,
      imageShape: [1, 2, 1] as const,
      data: new Float32Array([0.1, -0.7, 0.2, 0.3]),
    };
    const b = {
      kind: 'dense',
      units: 2,
      pieces: 1,
      imageShape: [1, 2, 1] as const,
      data: new Float32Array([0.5, -0.2, 0.6, 0]),
    };
    expect([...sharedScales([{ weights: a }, { weights: b }])]).toEqual([['w', Math.fround(0.7)]]);
  });

  it('RBF centres and precisions get their own scales', () => {
    // 2 classes x [mu, beta] x 2 pixels
    const rbf = {
      kind: 'rbf',
      units: 2,
      pieces: 2,
      imageShape: [1, 2, 1] as const,
      data: new Float32Array([0.5, 1, 30, 2, 0.25, 0, 4, 50]),
    };
    const scales = sharedScales([{ weights: rbf }]);
    expect(scales.get('rbf-centre')).toBe(1);
    expect(scales.get('rbf-precision')).toBe(50);
    expect(scaleKey('maxout', 1)).toBe('w');
  });
});
