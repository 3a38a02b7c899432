/**
 * The lab's session across engine trouble: a run the client replays after an engine restart says
 * so (its step went back to the start), and a run that failed shows the engine's message while
 * the next run trains.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRAINING_SPEC,
  type TrainingProgress,
  type TrainingResult,
  type TrainingSpec,
} from '../engine/api';
import { EngineCallError, type EngineClient, type TrainingCallOptions } from '../engine/clientApi';
import { runStatusText } from '../features/training-lab/RunStatus';
import { TrainingLabSession } from './trainingLabSession';

function progress(stage: TrainingProgress['stage'], step: number): TrainingProgress {
  return {
    stage,
    step,
    totalSteps: 10,
    stepsPerEpoch: 10,
    elapsedMs: step * 100,
    remainingMs: null,
    stepsPerSecond: 10,
    curve: [],
    losses: [],
    weights: null,
    heldOut: 1000,
  };
}

const RESULT = {
  stoppedBy: 'finished',
  steps: 10,
  elapsedMs: 1000,
  stepsPerSecond: 10,
  curve: [],
  losses: [],
  final: { clean: 0.1, fgsm: 0.9, noise: 0.2 },
} as unknown as TrainingResult;

/** A client whose runs play `script` (progress reports, then a result or an error). */
function scriptedClient(
  script: (report: (p: TrainingProgress) => void) => Promise<TrainingResult>,
): EngineClient {
  const train = (_spec: TrainingSpec, _base: string, options?: TrainingCallOptions) => ({
    done: script((p) => options?.onProgress?.(p)),
    pause: () => undefined,
    resume: () => undefined,
    stop: () => undefined,
  });
  return { train } as unknown as EngineClient;
}

describe('the lab session across engine trouble', () => {
  it('says when the engine restarted under a run and the run began again', async () => {
    const client = scriptedClient(async (report) => {
      report(progress('loading', 0));
      report(progress('training', 6));
      // the worker died: the client replays the run on a new one, from the start
      report(progress('loading', 0));
      report(progress('training', 2));
      return RESULT;
    });
    const session = new TrainingLabSession({ client, dataBaseUrl: 'http://app.test/' });
    await session.train(DEFAULT_TRAINING_SPEC);
    const [run] = session.get().runs;
    expect(run?.state).toBe('done');
    expect(run?.restarted).toBe(true);
    expect(runStatusText(run!)).toMatch(/the engine restarted; the run began again/);
  });

  it('an uninterrupted run says nothing of the kind', async () => {
    const client = scriptedClient(async (report) => {
      report(progress('loading', 0));
      report(progress('training', 3));
      report(progress('paused', 3));
      report(progress('training', 6));
      return RESULT;
    });
    const session = new TrainingLabSession({ client, dataBaseUrl: 'http://app.test/' });
    await session.train(DEFAULT_TRAINING_SPEC);
    expect(session.get().runs[0]?.restarted).toBeUndefined();
  });

  it("shows a run that broke the engine as failed with the engine's message; the next one trains", async () => {
    let calls = 0;
    const client = scriptedClient(async () => {
      calls++;
      if (calls === 1) throw new EngineCallError('engine-failed', 'the engine failed (oom)');
      return RESULT;
    });
    const session = new TrainingLabSession({ client, dataBaseUrl: 'http://app.test/' });
    await session.compare(DEFAULT_TRAINING_SPEC);
    const [naive, adversarial] = session.get().runs;
    expect(naive?.state).toBe('error');
    expect(runStatusText(naive!)).toBe('failed: the engine failed (oom)');
    // the comparison's second half does not start on a failed first half
    expect(adversarial?.state).toBe('cancelled');
    await session.train(DEFAULT_TRAINING_SPEC);
    expect(session.get().runs.map((r) => r.state)).toEqual(['done']);
  });
});
