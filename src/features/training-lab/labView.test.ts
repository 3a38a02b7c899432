import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRAINING_SPEC,
  type TrainingProgress,
  type TrainingResult,
} from '../../engine/api';
import { errorChart, lossChart } from './curves';
import { formatDuration } from './format';
import { clampSpec, comparisonSpecs } from './form';
import type { LabRunView } from './labTypes';
import { runStatusText } from './RunStatus';

const progress: TrainingProgress = {
  stage: 'training',
  step: 150,
  totalSteps: 860,
  stepsPerEpoch: 430,
  elapsedMs: 12_000,
  remainingMs: 56_800,
  stepsPerSecond: 12.5,
  curve: [
    { step: 0, epoch: 0, clean: 0.9, fgsm: 0.95, noise: 0.9 },
    { step: 140, epoch: 140 / 430, clean: 0.2, fgsm: 0.99, noise: 0.3 },
  ],
  losses: [{ step: 35, epoch: 35 / 430, loss: 1.2 }],
  weights: null,
  heldOut: 1000,
};

function run(patch: Partial<LabRunView>): LabRunView {
  return {
    key: 'run-1',
    role: 'single',
    title: 'This run',
    modelId: 'own-trained-test',
    spec: { ...DEFAULT_TRAINING_SPEC, epochs: 2 },
    state: 'training',
    progress,
    result: null,
    error: null,
    ...patch,
  };
}

describe('lab form', () => {
  it('clamps every number into the engine limits, whole numbers where it wants them', () => {
    const spec = clampSpec({
      ...DEFAULT_TRAINING_SPEC,
      eps: 3,
      alpha: -1,
      learningRate: 0,
      batchSize: 100.4,
      epochs: 99,
      seed: -5,
      units: 1000,
    });
    expect(spec).toMatchObject({
      eps: 0.5,
      alpha: 0,
      learningRate: 1e-4,
      batchSize: 100,
      epochs: 20,
      seed: 0,
      units: 256,
    });
  });

  it('compares plain training with the chosen x~, FGSM when the form says none', () => {
    const a = comparisonSpecs({ ...DEFAULT_TRAINING_SPEC, objective: 'uniform', seed: 4 });
    expect(a.naive).toMatchObject({ objective: 'none', seed: 4 });
    expect(a.adversarial).toMatchObject({ objective: 'uniform', seed: 4 });
    const b = comparisonSpecs({ ...DEFAULT_TRAINING_SPEC, objective: 'none' });
    expect(b.adversarial.objective).toBe('fgsm');
  });
});

describe('lab charts and status', () => {
  it('draws loss and the three errors against epochs; a comparison dashes the naive run', () => {
    expect(lossChart([run({})]).series[0]?.points).toEqual([[35 / 430, 1.2]]);
    const single = errorChart([run({})], 1000);
    expect(single.series.map((s) => s.name)).toEqual(['clean', 'FGSM', '±eps noise']);
    expect(single.series[1]?.points).toEqual([
      [0, 0.95],
      [140 / 430, 0.99],
    ]);
    const both = errorChart([run({ role: 'naive' }), run({ key: 'b', role: 'adversarial' })], 1000);
    expect(both.series.map((s) => [s.name, s.dashed])).toEqual([
      ['clean, plain', true],
      ['FGSM, plain', true],
      ['±eps noise, plain', true],
      ['clean, adversarial', false],
      ['FGSM, adversarial', false],
      ['±eps noise, adversarial', false],
    ]);
  });

  it('says where a run stands', () => {
    expect(runStatusText(run({}))).toBe(
      'training · epoch 1 of 2 · step 150 of 860 · 13 steps/s · 0:12 elapsed · about 0:57 left',
    );
    const result = {
      stoppedBy: 'stopped',
      steps: 200,
      elapsedMs: 61_000,
      stepsPerSecond: 3.3,
      final: { clean: 0.081, fgsm: 0.5, noise: 0.125 },
    } as TrainingResult;
    expect(runStatusText(run({ state: 'stopped', result }))).toBe(
      'stopped after 200 steps in 1:01 (3 steps/s): held-out error clean 8.1%, FGSM 50.0%, ±eps noise 12.5%',
    );
    expect(runStatusText(run({ state: 'error', error: 'diverged' }))).toBe('failed: diverged');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });
});
