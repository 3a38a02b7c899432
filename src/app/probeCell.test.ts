import { describe, expect, it } from 'vitest';
import { probeAt } from './probeCell';

const base = { data: Float32Array.from([0.5, 0.5, 0.9, 0.1]), height: 2, width: 2, channels: 1 };
const source = {
  modelId: 'm',
  baseIndex: 12,
  trueLabel: 7,
  base,
  // sign directions: the pixels where both agree move by |h| + |v|
  directions: { horizontal: [1, -1, 1, -1], vertical: [1, 1, -1, -1] },
  clip: [0, 1] as const,
};

describe('probeAt', () => {
  it("keeps the point's own max-norm distance from the test image, from the clipped image", () => {
    const probe = probeAt(source, 0.31, 0.198);
    // pixel 0: 0.5 + 0.31 + 0.198 = 1.008 clipped to 1 -> 0.5; pixel 3: 0.1 - 0.508 -> 0 -> 0.1
    expect(probe.linf).toBeCloseTo(0.5, 6);
    expect(probeAt(source, 0.05, 0.02).linf).toBeCloseTo(0.07, 6);
    expect(probeAt(source, 0, 0).linf).toBe(0);
  });
});
