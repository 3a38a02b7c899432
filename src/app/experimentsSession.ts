/**
 * Runs the Experiments view's experiments on the engine and keeps their state per explorer (so a
 * run goes on, and its result stays, while another tab is open): loads the chosen models (an
 * ensemble entry's members first), picks the test images the CLI would pick, calls
 * client.runExperiment with progress and an abort signal.
 */
import type { EffectsEnv } from './effects';
import type { ExperimentResult } from '../engine/experimentTypes';
import type { ModelManifest } from '../models/manifest';
import type { Dataset } from '../shared/dataset';
import { selectExperimentImages } from '../engine/report/experimentImages';
import type { ExperimentRunStatus } from '../features/experiments/View';
import { specFromForm, usesTestImages, type ExperimentForm } from '../features/experiments/form';
import { testSetIdOf } from '../state/selectors';
import { errorMessage, isCancelled } from './errors';

export interface ExperimentsSnapshot {
  status: ExperimentRunStatus;
  result: ExperimentResult | null;
}

export interface ExperimentsSessionDeps {
  env: EffectsEnv;
  /** the manifests the app knows now */
  models(): readonly ModelManifest[];
  /** the test set, loaded (and shared with the store) when needed */
  dataset(manifest: ModelManifest): Promise<Dataset>;
  /** ids the main effects hold loaded already */
  loadedIds(): readonly string[];
}

export class ExperimentsSession {
  private snapshot: ExperimentsSnapshot = { status: { state: 'idle' }, result: null };
  private readonly listeners = new Set<() => void>();
  private abort: AbortController | null = null;
  private readonly loaded = new Set<string>();

  constructor(private readonly deps: ExperimentsSessionDeps) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = (): ExperimentsSnapshot => this.snapshot;

  private set(patch: Partial<ExperimentsSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of [...this.listeners]) listener();
  }

  cancel(): void {
    this.abort?.abort(new Error('cancelled by the user'));
  }

  private manifest(id: string): ModelManifest {
    const m = this.deps.models().find((e) => e.id === id);
    if (!m) throw new Error(`there is no model "${id}"`);
    return m;
  }

  /** Loads a model into the worker unless it is there (an ensemble entry: its members first). */
  private async ensureLoaded(id: string): Promise<void> {
    if (this.loaded.has(id) || this.deps.loadedIds().includes(id)) return;
    const m = this.manifest(id);
    for (const member of m.members ?? []) await this.ensureLoaded(member);
    await this.deps.env.client.loadModel(m, this.deps.env.modelsBaseUrl);
    this.loaded.add(id);
  }

  /** runs `form`; its single-eps experiments use `appEps` unless the form names one */
  async run(form: ExperimentForm, appEps: number): Promise<void> {
    this.cancel();
    const abort = new AbortController();
    this.abort = abort;
    const startedAt = Date.now();
    const running = (done: number, total: number, stage: string): void => {
      if (this.abort === abort)
        this.set({ status: { state: 'running', done, total, stage, startedAt } });
    };
    running(0, 1, 'loading models');
    try {
      const manifests = form.models.map((id) => this.manifest(id));
      const first = manifests[0];
      if (!first) throw new Error('choose a model');
      const classes = first.classNames.join('\u0000');
      if (
        manifests.some(
          (m) => m.classNames.join('\u0000') !== classes || m.dataset !== first.dataset,
        )
      ) {
        throw new Error('choose models of one dataset with the same classes');
      }
      for (const m of manifests) await this.ensureLoaded(m.id);
      let images = null;
      if (usesTestImages(form.kind)) {
        if (!testSetIdOf(first)) throw new Error(`${first.id} has no bundled test set`);
        running(0, 1, 'loading test images');
        images = selectExperimentImages(
          await this.deps.dataset(first),
          first.classNames,
          form.limit,
        );
      }
      if (abort.signal.aborted) throw abort.signal.reason;
      const timed = await this.deps.env.client.runExperiment(specFromForm(form, images, appEps), {
        signal: abort.signal,
        onProgress: (p) => {
          running(p.done, p.total, p.partial?.stage ?? '');
        },
      });
      if (this.abort !== abort) return;
      this.set({
        status: { state: 'done', ms: timed.ms, backend: timed.backend },
        result: timed.result,
      });
    } catch (e) {
      if (this.abort !== abort) return;
      this.set({
        status:
          isCancelled(e) || abort.signal.aborted
            ? { state: 'cancelled' }
            : { state: 'error', message: `The experiment failed: ${errorMessage(e)}` },
      });
    } finally {
      if (this.abort === abort) this.abort = null;
    }
  }
}

const sessions = new WeakMap<EffectsEnv, ExperimentsSession>();

/** One session per explorer (its env). */
export function experimentsSessionFor(
  env: EffectsEnv,
  make: () => ExperimentsSessionDeps,
): ExperimentsSession {
  let session = sessions.get(env);
  if (!session) {
    session = new ExperimentsSession(make());
    sessions.set(env, session);
  }
  return session;
}
