import { describe, expect, it } from 'vitest';
import { symmetricGrid } from './epsGrid';
import { maxLineResidual, sweepFacts } from './sweepFacts';

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

describe('maxLineResidual', () => {
  it('is 0 on a line; on y = x² over −2..2 the fit is y = 2 and the worst miss is 2', () => {
    const x = [-2, -1, 0, 1, 2];
    expect(maxLineResidual(x, [1, 3, 5, 7, 9])).toBeCloseTo(0, 12);
    expect(maxLineResidual(x, [4, 1, 0, 1, 4])).toBeCloseTo(2, 12);
    expect(maxLineResidual(x, [3, 3, 3, 3, 3])).toBe(0);
  });
});

describe('sweepFacts', () => {
  it('finds where two straight logits cross: z0 = 2 − 10ε, z1 = 10ε → ε = 0.1', () => {
    const f = sweepFacts(sweepOf(2, -10, 0, 10));
    expect(f.cleanClass).toBe(0);
    expect(f.flipClass).toBe(1);
    // grid step 0.01: at ε = 0.1 the logits tie (class 0 kept), so 0.11 is the first flip
    expect(f.flipEps).toBeCloseTo(0.11, 6);
    expect(f.worstDeviation).toBeCloseTo(0, 5);
  });

  it('reports no flip when the class holds, and a bent logit as less straight', () => {
    const f = sweepFacts(sweepOf(5, 1, 0, 0, 8));
    expect(f.flipEps).toBeNull();
    expect(f.flipClass).toBeNull();
    // z1 = 8ε² on ±0.5: fit 2/3 (its mean), worst miss 2 − 2/3 at the ends; the chart spans
    // z0 from 4.5 to 5.5 and z1 from 0 to 2, i.e. 5.5
    expect(f.deviation[0]).toBeCloseTo(0, 5);
    expect(f.deviation[1]).toBeCloseTo((2 - 2 / 3) / 5.5, 2);
    expect(f.worstDeviation).toBe(f.deviation[1]);
  });

  it('only looks along +ε, the direction that raises the loss', () => {
    // class 1 wins for ε < −0.1 only
    const f = sweepFacts(sweepOf(2, 10, 0, -10));
    expect(f.flipEps).toBeNull();
  });
});
