import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { trainingAttack, TRAINING_PGD_REACH, TRAINING_PGD_STEPS } from './trainingObjective';

describe('trainingAttack', () => {
  const labels = tf.tensor1d([1], 'int32');

  it('makes PGD training a multi-step attack from a random start that can cross the box', () => {
    const spec = trainingAttack({ kind: 'pgd', eps: 0.25 }, labels, 7);
    expect(spec.mode).toBe('pgd');
    expect(spec.steps).toBe(TRAINING_PGD_STEPS);
    expect(spec.randomStart).toBe(true);
    expect((spec.stepSize ?? 0) * (spec.steps ?? 0)).toBeCloseTo(TRAINING_PGD_REACH * 0.25);
  });

  it('takes the number of PGD steps from the spec', () => {
    const spec = trainingAttack({ kind: 'pgd', eps: 0.2, steps: 10 }, labels, 7);
    expect(spec.steps).toBe(10);
    expect(spec.stepSize).toBeCloseTo((TRAINING_PGD_REACH * 0.2) / 10);
  });

  it('keeps one-step random-start FGSM at one step of 1.25 eps', () => {
    const spec = trainingAttack({ kind: 'fgsm-random-start', eps: 0.25 }, labels, 7);
    expect(spec.steps).toBe(1);
    expect(spec.stepSize).toBeCloseTo(0.3125);
  });
});
