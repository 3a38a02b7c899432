import { useEffect, useState } from 'react';
import { RemainingTime } from './estimate';
import { formatDuration } from './form';

export interface RunningStatus {
  state: 'running';
  done: number;
  total: number;
  stage: string;
  startedAt: number;
}

/** Progress bar, stage, elapsed time and an estimate of the time left (once there is one). */
export function Progress({ status }: { status: RunningStatus }) {
  const [estimator] = useState(() => new RemainingTime());
  const [clock, setClock] = useState<{ now: number; remaining: number | null }>(() => ({
    now: Date.now(),
    remaining: null,
  }));
  const fraction = status.total > 0 ? status.done / status.total : 0;
  useEffect(() => {
    const timer = setInterval(() => {
      const now = Date.now();
      setClock({ now, remaining: estimator.estimate(now) });
    }, 500);
    return () => clearInterval(timer);
  }, [estimator]);
  useEffect(() => estimator.add(Date.now(), fraction), [estimator, fraction]);
  const { now, remaining } = clock;
  return (
    <div className="ae-experiment-progress" data-testid="experiment-progress">
      <progress value={fraction} max={1} aria-label="Experiment progress" />
      <span>
        {Math.floor(100 * fraction)}% · {status.stage || 'starting'} · elapsed{' '}
        {formatDuration(now - status.startedAt)} · remaining{' '}
        {remaining === null ? 'estimating…' : `about ${formatDuration(remaining)}`}
      </span>
    </div>
  );
}
