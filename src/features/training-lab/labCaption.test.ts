import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_SPEC, type TrainingResult } from '../../engine/api';
import { labCaption } from './labCaption';
import type { LabRunView } from './labTypes';

function finished(
  role: LabRunView['role'],
  title: string,
  final: TrainingResult['final'],
): LabRunView {
  return {
    key: `run-${role}`,
    role,
    title,
    modelId: `own-trained-${role}`,
    spec: { ...DEFAULT_TRAINING_SPEC, eps: 0.25 },
    state: 'done',
    progress: null,
    // the caption reads the final errors only
    result: { final } as TrainingResult,
    error: null,
  };
}

describe('the Training lab caption', () => {
  it('says nothing before a run has finished', () => {
    expect(labCaption([])).toBeNull();
    expect(
      labCaption([
        {
          ...finished('single', 'x', { clean: 0, fgsm: 0, noise: 0 }),
          result: null,
          state: 'training',
        },
      ]),
    ).toBeNull();
  });

  it('compares the naive and the adversarially trained network in numbers', () => {
    const text = labCaption([
      finished('naive', 'Naive', { clean: 0.08, fgsm: 1, noise: 0.12 }),
      finished('adversarial', 'Adversarial', { clean: 0.075, fgsm: 0.799, noise: 0.1 }),
    ]);
    expect(text).toContain(
      'FGSM at ε = 0.25 fools the naive network 100.0% of the time and the adversarially trained one 79.9%; clean error 8.0% against 7.5%',
    );
    expect(text).toContain("the paper's harnessing result");
  });

  it('says so when adversarial training has not helped', () => {
    const text = labCaption([
      finished('naive', 'Naive', { clean: 0.08, fgsm: 0.9, noise: 0.12 }),
      finished('adversarial', 'Adversarial', { clean: 0.09, fgsm: 0.95, noise: 0.1 }),
    ]);
    expect(text).toContain('has not helped yet');
  });

  it('puts one run’s FGSM error beside its noise error', () => {
    const text = labCaption([
      finished('single', 'Softmax, plain', { clean: 0.08, fgsm: 0.99, noise: 0.1 }),
    ]);
    expect(text).toBe(
      'Softmax, plain: held-out error 8.0% clean, 99.0% under FGSM and 10.0% under ±ε sign noise at ε = 0.25: the same size, but only the gradient\'s direction hurts. "Naive vs adversarial" trains both and compares them.',
    );
  });
});
