/**
 * Loads the model the own-model dialog asked for: one engine call with the user's manifest
 * (without class names: the engine tells the model's class count); on success the user's names
 * are checked against it and the model (with its names) joins the picker and is selected. On
 * failure, or names that do not fit (then the engine's copy is unloaded again), the message is
 * shown in the dialog and nothing else changes (the current model and image stay).
 */
import type { EngineClient } from '../../engine/clientApi';
import type { ModelManifest } from '../../models/manifest';
import { classCountMessage, defaultClassNames } from '../../models/ownModelManifest';
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
      const { token, manifest, classNames: names, classSource } = request;
      const current = () => !disposed && store.getState().ownModelRequest?.token === token;
      client.loadModel({ ...manifest, classNames: [] }, '').then(
        (info) => {
          if (!current()) return;
          if (names !== null && names.length !== info.numClasses) {
            void client.unloadModel(manifest.id).catch(() => undefined);
            store.getState().setOwnModelStatus({
              kind: 'error',
              message: classCountMessage(names.length, info.numClasses, classSource),
              classCount: { names: names.length, outputs: info.numClasses },
            });
            return;
          }
          // the engine decides how the output is read (probabilities, one sigmoid, rbf)
          const loaded: ModelManifest = {
            ...manifest,
            output: info.output,
            classNames: names ?? defaultClassNames(info.numClasses),
          };
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
