import { useState } from 'react';
import {
  EXPERIMENT_KINDS,
  type ExperimentKind,
  type ExperimentResult,
} from '../../engine/experimentTypes';
import { Select } from '../../ui/Select';
import { ExperimentParams } from './ExperimentParams';
import {
  EXPERIMENT_HELP,
  EXPERIMENT_LABELS,
  formatDuration,
  formProblem,
  type ExperimentForm,
  type FormPatch,
} from './form';
import { Progress, type RunningStatus } from './Progress';
import { Results } from './Results';
import './experiments.css';

export interface ExperimentModel {
  id: string;
  title: string;
  numClasses: number;
}

export type ExperimentRunStatus =
  | { state: 'idle' }
  | RunningStatus
  | { state: 'done'; ms: number; backend: string }
  | { state: 'cancelled' }
  | { state: 'error'; message: string };

export interface ExperimentsViewProps {
  models: readonly ExperimentModel[];
  /** the settings shown (the store's overrides on their defaults) */
  form: ExperimentForm;
  /** a change to the settings; choosing another kind also resets the models to its defaults */
  onChange(patch: FormPatch): void;
  /** the app's eps: single-eps experiments use it unless the user types another */
  appEps: number;
  /** test images available for the chosen models (null while unknown) */
  testImages: number | null;
  status: ExperimentRunStatus;
  result: ExperimentResult | null;
  onRun(form: ExperimentForm): void;
  onCancel(): void;
  /** why nothing can run here (no engine), if so */
  unavailable?: string | null;
}

/** The Experiments view: choose, run (with progress and cancel), read and export the results. */
export function ExperimentsView({
  models,
  form,
  onChange,
  appEps,
  testImages,
  status,
  result,
  onRun,
  onCancel,
  unavailable,
}: ExperimentsViewProps) {
  const [epsProblem, setEpsProblem] = useState<string | null>(null);
  const running = status.state === 'running';
  const problem = unavailable ?? epsProblem ?? formProblem(form);
  const kind = form.kind;
  // chosen models keep the list's order, so a run does not depend on the order of the clicks
  const toggleModel = (id: string, on: boolean) =>
    onChange({
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
          // each experiment starts with the models that make it meaningful
          onChange={(k) => onChange({ kind: k, models: undefined })}
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
        <ExperimentParams
          form={form}
          set={onChange}
          disabled={running}
          testImages={testImages}
          appEps={appEps}
          onEpsProblem={setEpsProblem}
        />
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
          {problem && !running && (
            <span className="ae-experiment-problem" role="status">
              {problem}
            </span>
          )}
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
