import { useMemo, type ReactNode } from 'react';
import type { TrainingSpec } from '../../engine/api';
import { CurveChart } from './CurveChart';
import { errorChart, lossChart } from './curves';
import { LabForm } from './LabForm';
import { isActive, type LabRunView } from './labTypes';
import { RunStatus } from './RunStatus';
import { labCaption } from './labCaption';
import { NoticeFrame } from '../../ui/NoticeFrame';
import './trainingLab.css';

export interface TrainingLabViewProps {
  spec: TrainingSpec;
  onSpecChange(spec: TrainingSpec): void;
  runs: readonly LabRunView[];
  onTrain(): void;
  onCompare(): void;
  onPause(): void;
  onResume(): void;
  onStop(): void;
  onReset(): void;
  /** puts a finished run's model in the model picker, for every view */
  onUseModel(run: LabRunView): void;
  onDownloadModel(run: LabRunView): void;
  /** keys of the runs whose model is in the picker already */
  usedRuns: ReadonlySet<string>;
  /** keeps a finished run's model in this browser (IndexedDB); absent: no storage here */
  onKeepModel?(run: LabRunView): void;
  /** ids of the models kept in this browser */
  keptModelIds: ReadonlySet<string>;
  /** keys of the runs whose model is being written */
  keeping: ReadonlySet<string>;
  /** why keeping a run's model failed, by run key */
  keepErrors: ReadonlyMap<string, string>;
  /** the runs' first-layer weights, drawn by the app with the weights view (Fig. 2 and 3) */
  weights: ReactNode;
  /** why the lab cannot run here, if it cannot */
  unavailable?: string | null;
}

/** The Training lab: settings, buttons, live curves and live first-layer weights. */
export function TrainingLabView(p: TrainingLabViewProps) {
  const busy = p.runs.some(isActive);
  const paused = p.runs.some((r) => r.state === 'paused');
  const running = p.runs.some((r) => r.state === 'training' || r.state === 'finishing');
  const heldOut = p.runs.find((r) => r.progress)?.progress?.heldOut ?? 1000;
  const loss = useMemo(() => (p.runs.length ? lossChart(p.runs) : null), [p.runs]);
  const errors = useMemo(
    () => (p.runs.length ? errorChart(p.runs, heldOut) : null),
    [p.runs, heldOut],
  );
  const caption = useMemo(() => labCaption(p.runs), [p.runs]);
  return (
    <section className="ae-lab" aria-label="Training lab" data-testid="training-lab">
      {caption && <NoticeFrame view="train">{caption}</NoticeFrame>}
      <p className="ae-lab-help">
        Train a model here, in your browser, on α·J(x, y) + (1 − α)·J(x̃, y): plain training, the
        paper's adversarial training (x̃ = x + eps·sign(∇ₓJ), made anew against the current weights
        every minibatch) or training on noise of the same max-norm. The errors are measured on
        held-out training images while it learns.
      </p>
      {p.unavailable && (
        <p role="alert" className="ae-lab-error">
          {p.unavailable}
        </p>
      )}
      <LabForm spec={p.spec} onChange={p.onSpecChange} disabled={busy || !!p.unavailable} />
      <div className="ae-lab-actions">
        <button
          type="button"
          className="ae-lab-primary"
          onClick={p.onCompare}
          disabled={busy || !!p.unavailable}
          data-testid="lab-compare"
        >
          Naive vs adversarial
        </button>
        <button
          type="button"
          onClick={p.onTrain}
          disabled={busy || !!p.unavailable}
          data-testid="lab-train"
        >
          Train
        </button>
        <button
          type="button"
          onClick={paused ? p.onResume : p.onPause}
          disabled={!paused && !running}
          aria-pressed={paused}
          data-testid="lab-pause"
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" onClick={p.onStop} disabled={!busy} data-testid="lab-stop">
          Stop
        </button>
        <button
          type="button"
          onClick={p.onReset}
          disabled={p.runs.length === 0}
          data-testid="lab-reset"
        >
          Reset
        </button>
      </div>
      {p.runs.map((run) => (
        <div key={run.key} className="ae-lab-run">
          <RunStatus run={run} />
          {run.result && (
            <span className="ae-lab-run__actions">
              <button
                type="button"
                onClick={() => p.onUseModel(run)}
                disabled={p.usedRuns.has(run.key)}
                data-testid={`lab-use-${run.role}`}
              >
                {p.usedRuns.has(run.key) ? 'In the model picker' : 'Use in the explorer'}
              </button>
              {p.onKeepModel && (
                <KeepButton
                  run={run}
                  kept={p.keptModelIds.has(run.modelId)}
                  keeping={p.keeping.has(run.key)}
                  onKeep={p.onKeepModel}
                />
              )}
              <button
                type="button"
                onClick={() => p.onDownloadModel(run)}
                data-testid={`lab-download-${run.role}`}
              >
                Download model
              </button>
            </span>
          )}
          {run.result && p.keepErrors.has(run.key) && (
            <p role="alert" className="ae-lab-error" data-testid={`lab-keep-error-${run.role}`}>
              {p.keepErrors.get(run.key)}
            </p>
          )}
        </div>
      ))}
      {p.runs.length > 0 && (
        <div className="ae-lab-charts">
          <CurveChart data={loss} testId="lab-loss-chart" />
          <CurveChart data={errors} testId="lab-error-chart" />
        </div>
      )}
      {p.runs.length > 0 && <div className="ae-lab-weights">{p.weights}</div>}
    </section>
  );
}

interface KeepButtonProps {
  run: LabRunView;
  kept: boolean;
  keeping: boolean;
  onKeep(run: LabRunView): void;
}

/** "Keep in this browser": the model is in the picker again after a reload. */
function KeepButton({ run, kept, keeping, onKeep }: KeepButtonProps) {
  return (
    <button
      type="button"
      onClick={() => onKeep(run)}
      disabled={kept || keeping}
      title="Keep the model in this browser's storage: it is in the model picker again after a reload"
      data-testid={`lab-keep-${run.role}`}
    >
      {kept ? 'Kept in this browser' : keeping ? 'Keeping…' : 'Keep in this browser'}
    </button>
  );
}
