import './ui.css';

export interface BannerMessage {
  id: number;
  message: string;
}

export interface ErrorBannerProps {
  messages: readonly BannerMessage[];
  onDismiss(id: number): void;
}

/** Errors the user should see, each with its own dismiss button; announced as an alert. */
export function ErrorBanner({ messages, onDismiss }: ErrorBannerProps) {
  if (messages.length === 0) return null;
  return (
    <div className="ae-error-banner" role="alert" data-testid="error-banner">
      <ul>
        {messages.map((m) => (
          <li key={m.id}>
            <span data-testid="error-message">{m.message}</span>
            <button
              type="button"
              className="ae-icon-button"
              aria-label={`Dismiss: ${m.message}`}
              data-testid="error-dismiss"
              onClick={() => onDismiss(m.id)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
