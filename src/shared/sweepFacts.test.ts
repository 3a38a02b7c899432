import { describe, expect, it } from 'vitest';
import { symmetricGrid } from './epsGrid';
import { lineFitR2, sweepFacts } from './sweepFacts';

/** A two-class sweep with logits z0 = a0 + b0 ε, z1 = a1 + b1 ε + bend·ε². */
function sweepOf(a0: number, b0: number, a1: number, b1: number, bend = 0) {
  const eps = symmetricGrid(0.5, 101);
  const logits = new Float32Array(eps.length * 2);
  const predictedClass = new Int32Array(eps.length);
  eps.forEach((e, i) => {
    logits[2 * i] = a0 + b0 * e;
    logits[2 * i + 1] = a1 + b1 * e + bend * e * e;
    predictedClass[i] = (logits[2 * i] ?? 0) >= (logits[2 * i + 1] ?? 0) ? 0 : 1;
  });
  return { eps, numClasses: 2, logits, predictedClass };
}

describe('lineFitR2', () => {
  it('is 1 on a line, 0 on a symmetric parabola, 1 for a constant', () => {
    const x = [-2, -1, 0, 1, 2];
    expect(lineFitR2(x, [1, 3, 5, 7, 9])).toBeCloseTo(1, 12);
    expect(lineFitR2(x, [4, 1, 0, 1, 4])).toBeCloseTo(0, 12);
    expect(lineFitR2(x, [3, 3, 3, 3, 3])).toBe(1);
  });
});

describe('sweepFacts', () => {
  it('finds where two straight logits cross: z0 = 2 − 10ε, z1 = 10ε → ε = 0.1', () => {
    const f = sweepFacts(sweepOf(2, -10, 0, 10));
    expect(f.cleanClass).toBe(0);
    expect(f.flipClass).toBe(1);
    // grid step 0.01: at ε = 0.1 the logits tie (class 0 kept), so 0.11 is the first flip
    expect(f.flipEps).toBeCloseTo(0.11, 6);
    expect(f.worstStraightness).toBeCloseTo(1, 6);
  });

  it('reports no flip when the class holds, and a bent logit as less straight', () => {
    const f = sweepFacts(sweepOf(5, 1, 0, 0, 8));
    expect(f.flipEps).toBeNull();
    expect(f.flipClass).toBeNull();
    expect(f.straightness[0]).toBeCloseTo(1, 6);
    expect(f.straightness[1]).toBeLessThan(0.1);
    expect(f.worstStraightness).toBe(f.straightness[1]);
  });

  it('only looks along +ε, the direction that raises the loss', () => {
    // class 1 wins for ε < −0.1 only
    const f = sweepFacts(sweepOf(2, 10, 0, -10));
    expect(f.flipEps).toBeNull();
  });
});
