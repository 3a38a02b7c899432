/** One line about the page's engine: starting, ready on which backend, or what went wrong. */
import { useEffect, useState } from 'react';
import type { EngineStatus } from '../../engine/clientApi';
import { useTourRuntime } from '../runtime/context';

function describe(status: EngineStatus | null): string {
  if (!status || status.kind === 'starting') return 'Engine starting…';
  if (status.kind === 'ready') return `Engine ready (${status.backend.active})`;
  if (status.kind === 'restarting') return 'Engine restarting…';
  return `Engine failed: ${status.message}`;
}

export function EngineLine() {
  const rt = useTourRuntime();
  const [status, setStatus] = useState<EngineStatus | null>(() => rt.engine.status());
  useEffect(() => {
    const stop = rt.engine.onStatus(setStatus);
    void rt.ready().catch(() => {});
    return stop;
  }, [rt]);
  return (
    <span
      className="tour-engine ae-muted"
      role="status"
      data-testid="tour-engine"
      data-kind={status?.kind ?? 'starting'}
    >
      {describe(status)}
    </span>
  );
}
