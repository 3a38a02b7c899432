/**
 * An embed's errors as one line: the newest only (a stack would push the figure out of the
 * host's box), cut to the line's width with the full text in its tooltip and its dismiss
 * button's label. Dismissing clears them all, so an older error does not take its place. Every
 * error also reaches the host (ae:error / ae-error, see events.ts).
 */
import { useAppStore } from '../state';

export function EmbedErrorLine() {
  const newest = useAppStore((s) => s.errors.at(-1));
  const clear = useAppStore((s) => s.clearErrors);
  if (!newest) return null;
  return (
    <div className="ae-embed__error" role="alert" data-testid="error-banner">
      <span className="ae-embed__error-text" title={newest.message} data-testid="error-message">
        {newest.message}
      </span>
      <button
        type="button"
        className="ae-icon-button"
        aria-label={`Dismiss: ${newest.message}`}
        data-testid="error-dismiss"
        onClick={() => clear()}
      >
        ×
      </button>
    </div>
  );
}
