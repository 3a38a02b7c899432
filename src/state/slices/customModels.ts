/**
 * Models the user brought this session: the request the own-model dialog makes (handled by
 * src/features/own-model/ownModelEffects, which calls the engine), its status, and the loaded
 * ones, which join the model picker's list.
 */
import type { ModelManifest } from '../../models/manifest';
import type { AppSlice } from '../sliceTypes';

export type OwnModelStatus =
  | { kind: 'idle' }
  | { kind: 'loading'; name: string }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; id: string; notes: string[] };

export interface OwnModelRequest {
  /** bumps with every request, so the same model can be asked for again */
  token: number;
  /** classNames empty: the engine reads the number of classes from the model (else checks it) */
  manifest: ModelManifest;
  /** the user's class names; null: class 0..N-1 */
  classNames: string[] | null;
}

export interface CustomModelsData {
  customModels: ModelManifest[];
  ownModelRequest: OwnModelRequest | null;
  ownModelStatus: OwnModelStatus;
}

export interface CustomModelsActions {
  requestOwnModel(manifest: ModelManifest, classNames: string[] | null): void;
  setOwnModelStatus(status: OwnModelStatus): void;
  /** adds a loaded model to the picker's list (replacing one of the same id) and selects it */
  addCustomModel(manifest: ModelManifest): void;
}

export const customModelsDefaults: CustomModelsData = {
  customModels: [],
  ownModelRequest: null,
  ownModelStatus: { kind: 'idle' },
};

export const createCustomModelsSlice: AppSlice<CustomModelsData & CustomModelsActions> = (
  set,
  get,
) => {
  let token = 0;
  return {
    ...customModelsDefaults,
    requestOwnModel: (manifest, classNames) =>
      set({
        ownModelRequest: { token: ++token, manifest, classNames },
        ownModelStatus: { kind: 'loading', name: manifest.title },
      }),
    setOwnModelStatus: (ownModelStatus) => set({ ownModelStatus }),
    addCustomModel: (manifest) => {
      const without = (list: ModelManifest[]) => list.filter((m) => m.id !== manifest.id);
      set((s) => ({
        customModels: [...without(s.customModels), manifest],
        modelList:
          s.modelList.status === 'ready'
            ? { status: 'ready', models: [...without(s.modelList.models), manifest] }
            : { status: 'ready', models: [manifest] },
      }));
      get().selectModel(manifest.id);
      // an own model has no test set: show the user's picture when there is one
      if (get().ownImage) get().setImageSource('own');
    },
  };
};
