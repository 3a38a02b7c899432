import { describe, expect, it } from 'vitest';
import { eligibleIndices, labelMapFor, lowerBound, snapEligible, stepEligible } from './labelMap';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

describe('labelMapFor', () => {
  it('is the identity for a model of every class', () => {
    const map = labelMapFor(DIGITS, DIGITS);
    expect(Array.from(map?.toModel ?? [])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(map?.subset).toBe(false);
  });

  it('renumbers by name for a model of some classes (3 vs 7: "3" -> 0, "7" -> 1)', () => {
    const map = labelMapFor(DIGITS, ['3', '7']);
    expect(map?.subset).toBe(true);
    expect(map?.toModel[3]).toBe(0);
    expect(map?.toModel[7]).toBe(1);
    expect(map?.toModel[2]).toBe(-1);
  });

  it('falls back to the identity for other names of the same count, and gives up otherwise', () => {
    expect(labelMapFor(['a', 'b'], ['cat', 'dog'])?.toModel[1]).toBe(1);
    expect(labelMapFor(DIGITS, ['cat', 'dog'])).toBeNull();
  });
});

describe('eligible images', () => {
  const labels = Uint8Array.from([7, 2, 3, 3, 9, 7]);
  const list = eligibleIndices(labels, labelMapFor(DIGITS, ['3', '7']));

  it('lists the images of the model classes, and nothing for a full model', () => {
    expect(Array.from(list ?? [])).toEqual([0, 2, 3, 5]);
    expect(eligibleIndices(labels, labelMapFor(DIGITS, DIGITS))).toBeNull();
  });

  it('steps within the list, wrapping, and from an ineligible image to its neighbours', () => {
    if (!list) throw new Error('expected a list');
    expect(stepEligible(list, 3, 1)).toBe(5);
    expect(stepEligible(list, 5, 1)).toBe(0);
    expect(stepEligible(list, 0, -1)).toBe(5);
    expect(stepEligible(list, 1, 1)).toBe(2);
    expect(stepEligible(list, 1, -1)).toBe(0);
    expect(stepEligible(list, 4, 1)).toBe(5);
    expect(snapEligible(list, 4)).toBe(5);
    expect(snapEligible(list, 6)).toBe(0);
    expect(lowerBound(list, 3)).toBe(2);
  });
});
