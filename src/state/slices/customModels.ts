/**
 * Models the user brought this session: the request the own-model dialog makes (handled by
 * src/features/own-model/ownModelEffects, which calls the engine), its status, and the loaded
 * ones, which join the model picker's list.
 */
import type { ModelManifest } from '../../models/manifest';
import type { AppSlice } from '../sliceTypes';
import type { CustomModelsData, CustomModelsActions } from './customModelsTypes';
export type {
  ClassCountMismatch,
  OwnModelStatus,
  OwnModelRequest,
  CustomModelsData,
  CustomModelsActions,
} from './customModelsTypes';

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
    requestOwnModel: (manifest, classNames, classSource = 'the class names') =>
      set({
        ownModelRequest: { token: ++token, manifest, classNames, classSource },
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
