import { describe, expect, it } from 'vitest';
import {
  axisPixel,
  cellFromPoint,
  centreClass,
  classesPresent,
  isComplete,
  legendClasses,
  mapGrid,
  partialNote,
  sampleIndices,
} from './mapData';

describe('cross-section map helpers', () => {
  it('mapGrid prefers the finished result over a partial one', () => {
    const partial = {
      resolution: 2,
      rowsDone: 1,
      predictedClass: new Int32Array(4),
      confidence: new Float32Array(4),
    };
    const result = {
      resolution: 3,
      epsMax: 0.25,
      predictedClass: new Int32Array(9),
      confidence: new Float32Array(9),
      horizontal: new Float32Array(1),
      vertical: new Float32Array(1),
    };
    expect(mapGrid({ imageIndex: 0, trueLabel: 0, result: null })).toBeNull();
    expect(mapGrid({ imageIndex: 0, trueLabel: 0, result: null, partial })).toMatchObject({
      resolution: 2,
      final: false,
    });
    expect(mapGrid({ imageIndex: 0, trueLabel: 0, result, partial })).toMatchObject({
      resolution: 3,
      final: true,
    });
  });

  it('cellFromPoint maps plot pixels to cells, row 0 at the top, clamped', () => {
    // 4 x 4 cells over 100 px: cell edges every 25 px
    expect(cellFromPoint(0, 0, 100, 4)).toEqual({ row: 0, col: 0 });
    expect(cellFromPoint(24.9, 25, 100, 4)).toEqual({ row: 1, col: 0 });
    expect(cellFromPoint(99.99, 60, 100, 4)).toEqual({ row: 2, col: 3 });
    expect(cellFromPoint(150, -3, 100, 4)).toEqual({ row: 0, col: 3 });
  });

  it('axisPixel puts grid point i at the centre of cell i', () => {
    // R = 5 over 100 px: cells 20 px wide; -epsMax at 10 px, 0 at 50 px, +epsMax at 90 px
    expect(axisPixel(-0.25, 0.25, 5, 100)).toBeCloseTo(10, 12);
    expect(axisPixel(0, 0.25, 5, 100)).toBeCloseTo(50, 12);
    expect(axisPixel(0.25, 0.25, 5, 100)).toBeCloseTo(90, 12);
  });

  it('classesPresent lists the distinct classes; the legend keeps all classes of small models', () => {
    expect(classesPresent([new Int32Array([3, 1, 3]), [7, 1]])).toEqual([1, 3, 7]);
    expect(legendClasses(10, [1, 3])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(legendClasses(1000, [1, 3])).toEqual([1, 3]);
  });

  it('sampleIndices spreads k indices over the grid, both ends included', () => {
    expect(sampleIndices(65, 9)).toEqual([0, 8, 16, 24, 32, 40, 48, 56, 64]);
    expect(sampleIndices(4, 9)).toEqual([0, 1, 2, 3]);
  });

  it('isComplete is false while some cells are still -1', () => {
    const grid = {
      resolution: 2,
      predictedClass: new Int32Array([1, 2, -1, -1]),
      confidence: new Float32Array(4),
      final: false,
    };
    expect(isComplete(grid)).toBe(false);
    expect(isComplete({ ...grid, predictedClass: new Int32Array([1, 2, 0, 3]) })).toBe(true);
  });

  it('centreClass reads the middle cell', () => {
    const classes = new Int32Array(9).fill(1);
    classes[4] = 5;
    expect(
      centreClass({
        resolution: 3,
        predictedClass: classes,
        confidence: new Float32Array(9),
        final: true,
      }),
    ).toBe(5);
  });
});

describe('partialNote', () => {
  const done = { imageIndex: 0, trueLabel: 0, result: {} as never, progress: 1 };
  it('is null once every map is finished (or failed)', () => {
    expect(partialNote([done, { ...done, result: null, error: 'boom' }])).toBeNull();
    expect(partialNote([])).toBeNull();
  });
  it('says how far the maps are, and how many are still empty', () => {
    const maps = [
      done,
      { imageIndex: 1, trueLabel: 0, result: null, progress: 0.12 },
      { imageIndex: 2, trueLabel: 0, result: null, progress: 0 },
    ];
    expect(partialNote(maps)).toBe('refining 37%, 1 of 3 maps finished, 1 empty');
  });
});
