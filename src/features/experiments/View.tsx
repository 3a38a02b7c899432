import { useEffect, useState } from 'react';
import { ATTACK_MODES, type AttackMode } from '../../shared/vocabulary';
import {
  EXPERIMENT_KINDS,
  type ExperimentKind,
  type ExperimentResult,
} from '../../engine/experimentTypes';
import { NumberField } from '../../ui/NumberField';
import { Select } from '../../ui/Select';
import {
  defaultForm,
  EXPERIMENT_HELP,
  EXPERIMENT_LABELS,
  formatDuration,
  formProblem,
  usesTestImages,
  type ExperimentForm,
} from './form';
import { Results } from './Results';
import './experiments.css';

export interface ExperimentModel {
  id: string;
  title: string;
  numClasses: number;
}

export type ExperimentRunStatus =
  | { state: 'idle' }
  | { state: 'running'; done: number; total: number; stage: string; startedAt: number }
  | { state: 'done'; ms: number; backend: string }
  | { state: 'cancelled' }
  | { state: 'error'; message: string };

export interface ExperimentsViewProps {
  models: readonly ExperimentModel[];
  /** test images available for the chosen models (null while unknown) */
  testImages: number | null;
  status: ExperimentRunStatus;
  result: ExperimentResult | null;
  onRun(form: ExperimentForm): void;
  onCancel(): void;
  /** why nothing can run here (no engine), if so */
  unavailable?: string | null;
}

const USES_ATTACK: readonly ExperimentKind[] = ['attack', 'transfer', 'ensemble'];

function Progress({ status }: { status: Extract<ExperimentRunStatus, { state: 'running' }> }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const fraction = status.total > 0 ? status.done / status.total : 0;
  const elapsed = now - status.startedAt;
  const remaining = fraction > 0 ? (elapsed * (1 - fraction)) / fraction : NaN;
  return (
    <div className="ae-experiment-progress" data-testid="experiment-progress">
      <progress value={fraction} max={1} aria-label="Experiment progress" />
      <span>
        {Math.floor(100 * fraction)}% · {status.stage || 'starting'} · elapsed{' '}
        {formatDuration(elapsed)} · remaining {formatDuration(remaining)}
      </span>
    </div>
  );
}

/** The Experiments view: choose, run (with progress and cancel), read and export the results. */
export function ExperimentsView({
  models,
  testImages,
  status,
  result,
  onRun,
  onCancel,
  unavailable,
}: ExperimentsViewProps) {
  const [form, setForm] = useState<ExperimentForm>(() => defaultForm(models.map((m) => m.id)));
  const set = (patch: Partial<ExperimentForm>) => setForm((f) => ({ ...f, ...patch }));
  const running = status.state === 'running';
  const problem = unavailable ?? formProblem(form);
  const kind = form.kind;
  // chosen models keep the list's order, so a run does not depend on the order of the clicks
  const toggleModel = (id: string, on: boolean) =>
    set({
      models: models.map((m) => m.id).filter((m) => (m === id ? on : form.models.includes(m))),
    });

  return (
    <div className="ae-experiments" data-testid="experiments-view">
      <form
        className="ae-experiment-form"
        // the fields' step attributes are hints for the arrows, not rules: checks are ours
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem && !running) onRun(form);
        }}
      >
        <Select<ExperimentKind>
          label="Experiment"
          value={kind}
          options={EXPERIMENT_KINDS.map((k) => ({ value: k, label: EXPERIMENT_LABELS[k] }))}
          onChange={(k) => set({ kind: k })}
          disabled={running}
          testId="experiment-kind"
        />
        <p className="ae-experiment-help">{EXPERIMENT_HELP[kind]}</p>
        <fieldset className="ae-experiment-models" disabled={running}>
          <legend>
            {kind === 'ensemble'
              ? 'Members'
              : kind === 'fooling' || kind === 'shared'
                ? 'Model (one)'
                : 'Models'}
          </legend>
          {models.map((m) => (
            <label key={m.id}>
              <input
                type="checkbox"
                checked={form.models.includes(m.id)}
                onChange={(e) => toggleModel(m.id, e.target.checked)}
                data-testid={`experiment-model-${m.id}`}
              />
              {m.title} <code>{m.id}</code>
            </label>
          ))}
        </fieldset>
        <div className="ae-experiment-params">
          {USES_ATTACK.includes(kind) && (
            <Select<AttackMode>
              label="Attack"
              value={form.mode}
              options={ATTACK_MODES.map((m) => ({ value: m, label: m }))}
              onChange={(mode) => set({ mode })}
              disabled={running}
              testId="experiment-attack"
            />
          )}
          {USES_ATTACK.includes(kind) && form.mode === 'targeted' && (
            <NumberField
              label="Target class"
              value={form.targetClass}
              min={0}
              step={1}
              onChange={(v) => set({ targetClass: Math.max(0, Math.round(v)) })}
              disabled={running}
            />
          )}
          {kind !== 'rubbish' && (
            <span className="ae-field">
              <label htmlFor="ae-experiment-eps">{kind === 'attack' ? 'eps (list)' : 'eps'}</label>
              <input
                id="ae-experiment-eps"
                type="text"
                value={form.epsText}
                size={14}
                onChange={(e) => set({ epsText: e.target.value })}
                disabled={running}
                data-testid="experiment-eps"
              />
            </span>
          )}
          {usesTestImages(kind) && (
            <NumberField
              label={`Test images${testImages === null ? '' : ` (of ${testImages})`}`}
              value={form.limit}
              min={1}
              max={testImages ?? undefined}
              step={100}
              onChange={(v) => set({ limit: Math.max(1, Math.round(v)) })}
              disabled={running}
              testId="experiment-limit"
            />
          )}
          {usesTestImages(kind) && testImages !== null && (
            <button type="button" onClick={() => set({ limit: testImages })} disabled={running}>
              All
            </button>
          )}
          {(kind === 'rubbish' || kind === 'fooling') && (
            <NumberField
              label={kind === 'rubbish' ? 'Noise images' : 'Images per class'}
              value={form.count}
              min={1}
              step={kind === 'rubbish' ? 1000 : 5}
              onChange={(v) => set({ count: Math.max(1, Math.round(v)) })}
              disabled={running}
              testId="experiment-count"
            />
          )}
          {(kind === 'fooling' || (USES_ATTACK.includes(kind) && form.mode === 'pgd')) && (
            <NumberField
              label="Steps"
              value={form.steps}
              min={kind === 'fooling' ? 0 : 1}
              step={1}
              onChange={(v) => set({ steps: Math.max(0, Math.round(v)) })}
              disabled={running}
              testId="experiment-steps"
            />
          )}
          {kind === 'fooling' && (
            <Select<'gradient' | 'sign'>
              label="Step"
              value={form.direction}
              options={[
                { value: 'gradient', label: 'eps · grad p' },
                { value: 'sign', label: 'eps · sign(grad p)' },
              ]}
              onChange={(direction) => set({ direction })}
              disabled={running}
              testId="experiment-direction"
            />
          )}
          {kind === 'shared' && (
            <NumberField
              label="Source images"
              value={form.sources}
              min={1}
              step={1}
              onChange={(v) => set({ sources: Math.max(1, Math.round(v)) })}
              disabled={running}
              testId="experiment-sources"
            />
          )}
          <NumberField
            label="Seed"
            value={form.seed}
            step={1}
            onChange={(v) => set({ seed: Math.round(v) })}
            disabled={running}
            testId="experiment-seed"
          />
        </div>
        <div className="ae-experiment-actions">
          <button type="submit" disabled={running || problem !== null} data-testid="experiment-run">
            Run
          </button>
          <button
            type="button"
            onClick={onCancel}
            disabled={!running}
            data-testid="experiment-cancel"
          >
            Cancel
          </button>
          {problem && !running && <span className="ae-experiment-problem">{problem}</span>}
        </div>
      </form>
      <div aria-live="polite" data-testid="experiment-status" data-state={status.state}>
        {status.state === 'running' && <Progress status={status} />}
        {status.state === 'done' && (
          <p>
            Done in {formatDuration(status.ms)} on {status.backend}.
          </p>
        )}
        {status.state === 'cancelled' && <p>Cancelled.</p>}
        {status.state === 'error' && (
          <p role="alert" className="ae-experiment-error">
            {status.message}
          </p>
        )}
      </div>
      {result && <Results result={result} fileName={`experiment-${result.kind}`} />}
    </div>
  );
}
