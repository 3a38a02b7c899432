/**
 * Loads the model the own-model dialog asked for: one engine call with the user's manifest;
 * on success the model (with its class names) joins the picker and is selected, on failure
 * the message is shown in the dialog and nothing else changes (the current model and image stay).
 */
import type { EngineClient } from '../../engine/clientApi';
import type { ModelManifest } from '../../models/manifest';
import { classNamesFor } from '../../models/ownModelManifest';
import type { AppStore } from '../../state/store';
import { rememberPreloaded } from './preloaded';

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function startOwnModelEffects(store: AppStore, client: EngineClient): () => void {
  let disposed = false;
  const unsubscribe = store.subscribe(
    (s) => s.ownModelRequest,
    (request) => {
      if (!request) return;
      const { token, manifest, classNames } = request;
      const current = () => !disposed && store.getState().ownModelRequest?.token === token;
      client.loadModel(manifest, '').then(
        (info) => {
          if (!current()) return;
          let loaded: ModelManifest;
          try {
            // the engine may read the output otherwise than asked (an RBF layer: 'rbf')
            loaded = {
              ...manifest,
              output: info.output,
              classNames: classNamesFor(info.numClasses, classNames),
            };
          } catch (e) {
            store.getState().setOwnModelStatus({ kind: 'error', message: messageOf(e) });
            return;
          }
          rememberPreloaded(loaded, { ...info, id: loaded.id });
          store.getState().setOwnModelStatus({ kind: 'loaded', id: loaded.id, notes: info.notes });
          store.getState().addCustomModel(loaded);
        },
        (e: unknown) => {
          if (!current()) return;
          store.getState().setOwnModelStatus({ kind: 'error', message: messageOf(e) });
        },
      );
    },
  );
  return () => {
    disposed = true;
    unsubscribe();
  };
}
