import { useShallow } from 'zustand/react/shallow';
import { selectModelSwitch, selectModels, useAppStore, type AppState } from '../../state';
import './ownImage.css';

const selectNotice = (s: AppState) => {
  const notice = selectModelSwitch(s);
  const models = selectModels(s);
  const title = (id: string | undefined) => models.find((m) => m.id === id)?.title ?? id ?? '';
  return {
    shown: notice !== null,
    toTitle: title(notice?.toModelId),
    fromTitle: title(notice?.fromModelId),
    keep: s.keepPreviousModel,
    dismiss: s.dismissModelSwitch,
  };
};

/** "Switched to <photo model> for photos — Keep <previous>", after a photo moved the model. */
export function ModelSwitchNotice() {
  const n = useAppStore(useShallow(selectNotice));
  return (
    <div
      className="ae-model-switch-region"
      role="status"
      aria-live="polite"
      data-testid="model-switch-region"
    >
      {n.shown && (
        <div className="ae-model-switch" data-testid="model-switch-notice">
          <p>
            Switched to <strong>{n.toTitle}</strong> for photos —{' '}
            <button type="button" onClick={n.keep} data-testid="model-switch-keep">
              Keep {n.fromTitle}
            </button>
          </p>
          <button
            type="button"
            className="ae-icon-button"
            aria-label={`Dismiss: switched to ${n.toTitle} for photos`}
            onClick={n.dismiss}
            data-testid="model-switch-dismiss"
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
