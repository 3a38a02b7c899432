/**
 * Runs the Training lab on the engine and keeps its state per explorer, so a run goes on (and
 * its curves stay) while another tab is open: the runs in order (a comparison
 * trains the naive run, then the adversarial one, with the same seed), their live progress and
 * results, and pause, resume, stop and reset. The settings live in the store (links carry them).
 */
import type { TrainingProgress, TrainingSpec } from '../engine/api';
import type { EngineClient, TrainingHandle } from '../engine/clientApi';
import { clampSpec, comparisonSpecs } from '../features/training-lab/form';
import type { LabRunRole, LabRunView } from '../features/training-lab/labTypes';
import { errorMessage, isCancelled } from './errors';
import { newTrainedModelId } from './trainedModels';

export interface TrainingLabSnapshot {
  runs: readonly LabRunView[];
  /** keys of the runs whose model was put in the model picker */
  used: ReadonlySet<string>;
}

export interface TrainingLabDeps {
  client: EngineClient;
  /** the app's base URL; the training sets are under its data/ folder */
  dataBaseUrl: string;
}

const ROLE_TITLES: Record<LabRunRole, string> = {
  single: 'This run',
  naive: 'Plain training',
  adversarial: 'Adversarial training',
};

function stageState(p: TrainingProgress): LabRunView['state'] {
  return p.stage;
}

export class TrainingLabSession {
  private snapshot: TrainingLabSnapshot = {
    runs: [],
    used: new Set(),
  };
  private readonly listeners = new Set<() => void>();
  private abort: AbortController | null = null;
  private current: TrainingHandle | null = null;
  private stopAll = false;
  private nextKey = 1;

  constructor(private readonly deps: TrainingLabDeps) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = (): TrainingLabSnapshot => this.snapshot;

  private emit(patch: Partial<TrainingLabSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of [...this.listeners]) listener();
  }

  private patchRun(key: string, patch: Partial<LabRunView>): void {
    this.emit({ runs: this.snapshot.runs.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
  }

  /** Remembers that this run's model went to the model picker (once is enough). */
  markUsed(key: string): void {
    this.emit({ used: new Set([...this.snapshot.used, key]) });
  }

  /** Trains the form's spec. */
  train(spec: TrainingSpec): Promise<void> {
    return this.start([{ role: 'single', spec: clampSpec(spec) }]);
  }

  /** Trains the form's network plainly, then adversarially, side by side. */
  compare(spec: TrainingSpec): Promise<void> {
    const { naive, adversarial } = comparisonSpecs(spec);
    return this.start([
      { role: 'naive', spec: naive },
      { role: 'adversarial', spec: adversarial },
    ]);
  }

  pause(): void {
    this.current?.pause();
  }

  resume(): void {
    this.current?.resume();
  }

  /** Ends the running run after its step (its result is kept) and skips the ones waiting. */
  stop(): void {
    this.stopAll = true;
    this.current?.stop();
    // a paused run has to run again to reach its next step
    this.current?.resume();
  }

  /** Cancels everything (the worker frees the runs' tensors) and clears the curves. */
  reset(): void {
    this.abort?.abort(new Error('reset'));
    this.abort = null;
    this.current = null;
    this.emit({ runs: [] });
  }

  private async start(plan: { role: LabRunRole; spec: TrainingSpec }[]): Promise<void> {
    this.reset();
    const abort = new AbortController();
    this.abort = abort;
    this.stopAll = false;
    const runs: LabRunView[] = plan.map(({ role, spec }) => ({
      key: `run-${this.nextKey++}`,
      role,
      title: ROLE_TITLES[role],
      modelId: newTrainedModelId(),
      spec,
      state: 'waiting',
      progress: null,
      result: null,
      error: null,
    }));
    this.emit({ runs });
    for (const run of runs) {
      if (abort.signal.aborted) return;
      if (this.stopAll) {
        this.patchRun(run.key, { state: 'cancelled' });
        continue;
      }
      await this.runOne(run, abort);
    }
  }

  private async runOne(run: LabRunView, abort: AbortController): Promise<void> {
    this.patchRun(run.key, { state: 'loading' });
    const handle = this.deps.client.train(run.spec, this.deps.dataBaseUrl, {
      signal: abort.signal,
      onProgress: (progress) => {
        if (this.abort !== abort) return;
        const before = this.snapshot.runs.find((r) => r.key === run.key)?.progress;
        // the client replays a run whose engine restarted from its start: the step goes back
        const replayed =
          before != null &&
          (progress.step < before.step ||
            (progress.stage === 'loading' && before.stage !== 'loading'));
        this.patchRun(run.key, {
          progress,
          state: stageState(progress),
          ...(replayed ? { restarted: true } : {}),
        });
      },
    });
    this.current = handle;
    try {
      const result = await handle.done;
      if (this.abort !== abort) return;
      this.patchRun(run.key, {
        result,
        state: result.stoppedBy === 'finished' ? 'done' : 'stopped',
      });
    } catch (e) {
      if (this.abort !== abort) return;
      this.patchRun(
        run.key,
        isCancelled(e) ? { state: 'cancelled' } : { state: 'error', error: errorMessage(e) },
      );
      this.stopAll = true;
    } finally {
      if (this.current === handle) this.current = null;
    }
  }
}

const sessions = new WeakMap<EngineClient, TrainingLabSession>();

/** One lab per explorer (its engine client). */
export function trainingLabFor(deps: TrainingLabDeps): TrainingLabSession {
  let session = sessions.get(deps.client);
  if (!session) {
    session = new TrainingLabSession(deps);
    sessions.set(deps.client, session);
  }
  return session;
}
