import { useAppStore } from '../state';
import { ErrorBanner } from '../ui/ErrorBanner';

export function AppErrors() {
  const errors = useAppStore((s) => s.errors);
  const dismiss = useAppStore((s) => s.dismissError);
  return <ErrorBanner messages={errors} onDismiss={dismiss} />;
}
