import { formatDuration, formatMegabytes, formatPercent } from './format';
import type { LabRunView } from './labTypes';

/** One line on where a run stands: loading, its step and pace, or its result. */
export function runStatusText(run: LabRunView): string {
  const text = stateText(run);
  const replayed = run.restarted === true && run.state !== 'cancelled' && run.state !== 'error';
  return replayed
    ? `${text} (the engine restarted; the run began again from its first step, same seed)`
    : text;
}

function stateText(run: LabRunView): string {
  const p = run.progress;
  switch (run.state) {
    case 'waiting':
      return 'waiting for the first run to finish';
    case 'loading': {
      const loaded = p?.loadedBytes ?? 0;
      const total = p?.totalBytes ?? 0;
      return total > 0
        ? `loading the training set: ${formatMegabytes(loaded)} of ${formatMegabytes(total)}`
        : `loading the training set: ${formatMegabytes(loaded)}`;
    }
    case 'training':
    case 'paused':
    case 'finishing': {
      if (!p) return 'starting';
      const epoch = Math.min(
        run.spec.epochs,
        Math.floor(p.step / Math.max(1, p.stepsPerEpoch)) + 1,
      );
      const parts = [
        run.state === 'paused' ? 'paused' : run.state === 'finishing' ? 'measuring' : 'training',
        `epoch ${epoch} of ${run.spec.epochs}`,
        `step ${p.step} of ${p.totalSteps}`,
        `${p.stepsPerSecond.toFixed(0)} steps/s`,
        `${formatDuration(p.elapsedMs)} elapsed`,
      ];
      if (p.remainingMs !== null && run.state === 'training')
        parts.push(`about ${formatDuration(p.remainingMs)} left`);
      return parts.join(' · ');
    }
    case 'done':
    case 'stopped': {
      const r = run.result;
      if (!r) return run.state;
      const how = run.state === 'done' ? 'done' : `stopped after ${r.steps} steps`;
      return (
        `${how} in ${formatDuration(r.elapsedMs)} (${r.stepsPerSecond.toFixed(0)} steps/s): ` +
        `held-out error clean ${formatPercent(r.final.clean)}, FGSM ${formatPercent(r.final.fgsm)}, ` +
        `±eps noise ${formatPercent(r.final.noise)}`
      );
    }
    case 'cancelled':
      return 'reset';
    case 'error':
      return `failed: ${run.error ?? 'unknown error'}`;
  }
}

export function RunStatus({ run }: { run: LabRunView }) {
  return (
    <p
      className={`ae-lab-status ae-lab-status--${run.state}`}
      data-testid={`lab-status-${run.role}`}
      data-state={run.state}
      data-step={run.progress?.step ?? 0}
      data-clean={run.result?.final.clean}
      data-fgsm={run.result?.final.fgsm}
      data-noise={run.result?.final.noise}
      data-steps-per-second={run.result?.stepsPerSecond}
      aria-live={run.state === 'training' ? 'off' : 'polite'}
    >
      <strong>{run.title}</strong>: {runStatusText(run)}
    </p>
  );
}
