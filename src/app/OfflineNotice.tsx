import { useState } from 'react';
import { useOfflineStatus } from './serviceWorker';

/**
 * One line about the offline copy: when it is first complete (the explorer now works without a
 * network) and when a new version is ready (it replaces this one in every open tab at once).
 */
export function OfflineNotice() {
  const status = useOfflineStatus();
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (status.kind !== 'offline-ready' && status.kind !== 'update-ready') return null;
  if (dismissed === status.kind) return null;
  return (
    <div className="ae-offline-notice" role="status" data-testid="offline-notice">
      {status.kind === 'offline-ready' ? (
        <span data-testid="offline-ready">
          Saved for offline use: the explorer, its models and the digit and clothing test images now
          work without a network.
        </span>
      ) : (
        <span>
          A new version of the explorer is ready.{' '}
          <button type="button" data-testid="update-now" onClick={status.apply}>
            Update now
          </button>{' '}
          (open explorer tabs reload with it)
        </span>
      )}
      <button
        type="button"
        className="ae-icon-button"
        aria-label="Dismiss"
        onClick={() => setDismissed(status.kind)}
      >
        ×
      </button>
    </div>
  );
}
