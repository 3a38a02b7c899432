import { describe, expect, it } from 'vitest';
import { RemainingTime } from './estimate';

describe('RemainingTime', () => {
  it('says nothing until the work itself has run a while', () => {
    const t = new RemainingTime();
    t.add(0, 0);
    t.add(8_000, 0); // loading models
    expect(t.estimate(8_000)).toBeNull();
    t.add(8_500, 0.01);
    expect(t.estimate(8_500)).toBeNull();
  });

  it('is honest after a slow start: loading and warm-up do not count against the rest', () => {
    // 10 s of loading, a 5 s first chunk (compilation), then 0.5 s per 5%: 9 s left at 10%
    const t = new RemainingTime();
    t.add(0, 0);
    t.add(10_000, 0);
    t.add(15_000, 0.05);
    t.add(15_500, 0.1);
    t.add(16_000, 0.15);
    t.add(16_500, 0.2);
    const left = t.estimate(16_500);
    // the old estimate, elapsed × (1 − f) / f, said 66 s here
    expect(left).not.toBeNull();
    expect(left!).toBeGreaterThan(6_000 * 0.75);
    expect(left!).toBeLessThan(8_000 * 1.5);
  });

  it('counts down between updates and never goes below zero', () => {
    const t = new RemainingTime();
    for (let k = 0; k <= 10; k++) t.add(k * 1_000, k / 20);
    const now = t.estimate(10_000)!;
    expect(now).toBeCloseTo(10_000, -2);
    expect(t.estimate(12_000)!).toBeCloseTo(8_000, -2);
    expect(t.estimate(60_000)).toBe(0);
  });

  it('starts afresh when the fraction goes back (a new run)', () => {
    const t = new RemainingTime();
    for (let k = 0; k <= 10; k++) t.add(k * 1_000, k / 20);
    t.add(11_000, 0);
    expect(t.estimate(11_000)).toBeNull();
  });
});
