import { BACKEND_NAMES } from '../engine/api';
import { useAppStore, type BackendPreference } from '../state';
import { Select } from '../ui/Select';

const BACKEND_OPTIONS: readonly { value: BackendPreference; label: string }[] = [
  { value: 'auto', label: 'auto (fastest measured)' },
  ...BACKEND_NAMES.map((b) => ({ value: b, label: b })),
];

/** Active backend, its adapter, the last operation's time, and the backend override. */
export function StatusBar() {
  const status = useAppStore((s) => s.engineStatus);
  const preference = useAppStore((s) => s.backendPreference);
  const setPreference = useAppStore((s) => s.setBackendPreference);
  const lastOpMs = useAppStore((s) => s.lastOpMs);
  const lastOpName = useAppStore((s) => s.lastOpName);

  const backend = status.kind === 'ready' ? status.backend : null;
  return (
    <footer className="ae-status" aria-label="Engine status">
      <span className="ae-status__item">
        Backend{' '}
        <strong data-testid="backend-name" data-status={status.kind}>
          {backend ? backend.active : status.kind === 'failed' ? 'failed' : status.kind + '…'}
        </strong>
        {backend?.software && (
          <span
            className="ae-badge"
            data-testid="software-badge"
            title="This GPU is emulated on the CPU (e.g. SwiftShader): correct but slow."
          >
            software
          </span>
        )}
      </span>
      {backend && (
        <span className="ae-status__item ae-status__adapter" data-testid="backend-adapter">
          {backend.adapter || 'no adapter description'}
          <span className="ae-muted"> · chosen by {backend.chosenBy}</span>
          {backend.peers !== undefined && backend.peers > 0 && (
            <span
              className="ae-muted"
              data-testid="backend-peers"
              title="Cross-section maps are shared with copies of the engine on other CPU cores."
            >
              {' '}
              · maps on {backend.peers + 1} cores
            </span>
          )}
        </span>
      )}
      {status.kind === 'restarting' && (
        <span className="ae-status__item" data-testid="engine-restarting">
          restarting: {status.reason}
        </span>
      )}
      <span className="ae-status__item">
        {lastOpName ?? 'last operation'}{' '}
        <strong data-testid="last-op-ms">{lastOpMs === null ? '–' : lastOpMs.toFixed(1)}</strong> ms
      </span>
      <span className="ae-status__item ae-status__backend-select">
        <Select
          label="Backend"
          hideLabel
          value={preference}
          options={BACKEND_OPTIONS}
          onChange={setPreference}
          testId="backend-select"
        />
      </span>
    </footer>
  );
}
