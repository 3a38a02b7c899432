import { describe, expect, it } from 'vitest';
import { estimateMapsMs, estimatePlanesMs, formatEstimate, mapCells } from './mapEstimate';

describe('map time estimate', () => {
  it('counts the coarse preview and the map', () => {
    expect(mapCells(64)).toBe(16 * 16 + 64 * 64);
    expect(mapCells(32)).toBe(8 * 8 + 32 * 32);
    expect(mapCells(8)).toBe(64);
  });

  it('is the directions plus the cells, shared by the cores, per map', () => {
    const cost = { cellMs: 0.25, directionMs: 100 };
    expect(estimateMapsMs(cost, 64, 1)).toBe(100 + 4352 * 0.25);
    expect(estimateMapsMs(cost, 64, 6, 2)).toBe(6 * (100 + (4352 * 0.25) / 2));
    expect(estimateMapsMs(cost, 64, 2, 0)).toBe(estimateMapsMs(cost, 64, 2, 1));
  });

  it('counts both maps of each image when both planes show; a random plane takes no gradient', () => {
    const cost = { cellMs: 0.25, directionMs: 100 };
    const cells = (4352 * 0.25) / 2;
    expect(estimatePlanesMs(cost, 64, { images: 6, planes: ['fgsm'] }, 2)).toBe(
      estimateMapsMs(cost, 64, 6, 2),
    );
    expect(estimatePlanesMs(cost, 64, { images: 6, planes: ['random'] }, 2)).toBe(6 * cells);
    expect(estimatePlanesMs(cost, 64, { images: 6, planes: ['fgsm', 'random'] }, 2)).toBe(
      6 * (100 + cells) + 6 * cells,
    );
  });

  it('says it in rounded words', () => {
    expect(formatEstimate(200)).toBe('about 1 s');
    expect(formatEstimate(40_400)).toBe('about 40 s');
    expect(formatEstimate(6 * 60_000 + 10_000)).toBe('about 6 min');
    expect(formatEstimate(80 * 60_000)).toBe('about 80 min');
    expect(formatEstimate(110 * 60_000)).toBe('about 1 h 50 min');
  });
});
