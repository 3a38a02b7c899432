import { useState } from 'react';
import { useAppStore, useAppStoreApi } from '../state';
import { useEffectsEnv } from './effectsEnvContext';
import { removalStatus, removeKeptModel } from './keptModels';

export interface KeptModelControlProps {
  id: string;
  /** the removal went through: the status to say, and the model selected now */
  onRemoved(status: string, selectedId: string | null): void;
}

/** Under the picker, for a model kept in this browser: says so, and removes it. */
export function KeptModelControl({ id, onRemoved }: KeptModelControlProps) {
  const env = useEffectsEnv();
  const store = useAppStoreApi();
  const kept = useAppStore((s) => s.keptModelIds.includes(id));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (!kept || !env?.keptModels) return null;
  const storage = env.keptModels;
  const remove = async () => {
    setBusy(true);
    const outcome = await removeKeptModel(store, storage, env.client, id);
    setBusy(false);
    if (outcome.ok) onRemoved(removalStatus(outcome), store.getState().selectedModelId);
    else setMessage(outcome.message);
  };
  return (
    <p className="ae-model-picker__kept" data-testid="kept-model">
      <span className="ae-muted">Kept in this browser.</span>{' '}
      <button
        type="button"
        onClick={() => void remove()}
        disabled={busy}
        data-testid="kept-model-remove"
      >
        Remove from this browser
      </button>
      {message && (
        <span role="alert" className="ae-model-picker__kept-error" data-testid="kept-model-error">
          {' '}
          {message}
        </span>
      )}
    </p>
  );
}
