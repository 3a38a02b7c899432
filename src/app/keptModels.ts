/**
 * Trained models kept in this browser, joined to the app: restored into the model picker at
 * start ("… (trained here)", not selected unless a link names one), kept from the lab, removed
 * from the picker. Storage failures come back as messages; the picker and the session's models
 * stay as they were.
 */
import type { LabDataset, TrainedModel } from '../engine/api';
import type { EngineClient } from '../engine/clientApi';
import { selectSelectedManifest } from '../state/selectors';
import type { AppStore } from '../state/store';
import { storageError, type KeptModelRecord, type KeptModelStore } from './data/keptModelStore';
import { trainedModelEntry } from './trainedModels';

/** How a storage call went, with the message to show when it failed. */
export type StorageOutcome = { ok: true } | { ok: false; message: string };

const messageOf = (e: unknown, doing: string): string => storageError(e, doing).message;

/**
 * Puts the kept models in the store's custom models (the picker lists them once the shipped
 * list is in). A browser without storage has none to restore, silently; other failures say so.
 */
export async function restoreKeptModels(
  store: AppStore,
  kept: KeptModelStore,
): Promise<StorageOutcome> {
  let records: KeptModelRecord[];
  try {
    records = await kept.list();
  } catch (e) {
    const error = storageError(e, 'reading the models kept in this browser');
    return error.reason === 'unavailable' ? { ok: true } : { ok: false, message: error.message };
  }
  const known = new Set(store.getState().customModels.map((m) => m.id));
  const manifests = records
    .filter((r) => !known.has(r.id))
    .map((r) => trainedModelEntry(r, r.dataset, r.id).manifest);
  store.getState().addKeptModels(manifests);
  return { ok: true };
}

/** Keeps a trained model under `id` and lists it in the picker (selected only if it was). */
export async function keepTrainedModel(
  store: AppStore,
  kept: KeptModelStore,
  id: string,
  model: TrainedModel,
  dataset: LabDataset,
): Promise<StorageOutcome> {
  try {
    await kept.put({ id, ...model, dataset, keptAt: Date.now() });
  } catch (e) {
    return { ok: false, message: messageOf(e, 'keeping the model') };
  }
  const inPicker = store.getState().customModels.some((m) => m.id === id);
  if (inPicker) store.getState().markKept(id);
  else store.getState().addKeptModels([trainedModelEntry(model, dataset, id).manifest]);
  return { ok: true };
}

/** A removal that went through: the model's title, and the one selected now (null: none). */
export interface Removed {
  ok: true;
  removed: string;
  selected: string | null;
}

/** Forgets a kept model: out of the browser's storage, the picker and the engine. */
export async function removeKeptModel(
  store: AppStore,
  kept: KeptModelStore,
  client: EngineClient,
  id: string,
): Promise<Removed | { ok: false; message: string }> {
  try {
    await kept.remove(id);
  } catch (e) {
    return { ok: false, message: messageOf(e, 'removing the model') };
  }
  const manifest = store.getState().customModels.find((m) => m.id === id);
  store.getState().removeCustomModel(id);
  if (manifest?.url.startsWith('blob:')) URL.revokeObjectURL(manifest.url);
  void client.unloadModel(id).catch(() => undefined);
  return {
    ok: true,
    removed: manifest?.title ?? id,
    selected: selectSelectedManifest(store.getState())?.title ?? null,
  };
}

/** The status line after a removal: the picker changed under the user, so it says how. */
export function removalStatus({ removed, selected }: Removed): string {
  const now = selected === null ? 'No model is selected now.' : `Now selected: ${selected}.`;
  return `Removed “${removed}” from this browser. ${now}`;
}
