/**
 * Models the user brought this session: the request the own-model dialog makes (handled by
 * src/features/own-model/ownModelEffects, which calls the engine), its status, and the loaded
 * ones, which join the model picker's list; and which of them are kept in this browser.
 */
import type { ModelManifest } from '../../models/manifest';
import { withTestSet } from '../../models/ownModelManifest';
import { defaultModel } from '../../models/pairs';
import { epsRangeFor } from '../epsRange';
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
  keptModelIds: [],
};

export const createCustomModelsSlice: AppSlice<CustomModelsData & CustomModelsActions> = (
  set,
  get,
) => {
  let token = 0;
  /** the custom models and, when the list is ready, the picker's list, with `added` (same ids replaced) */
  const withAdded = (added: readonly ModelManifest[]) => {
    const ids = new Set(added.map((m) => m.id));
    const without = (list: ModelManifest[]) => list.filter((m) => !ids.has(m.id));
    const s = get();
    return {
      customModels: [...without(s.customModels), ...added],
      modelList:
        s.modelList.status === 'ready'
          ? { status: 'ready' as const, models: [...without(s.modelList.models), ...added] }
          : { status: 'ready' as const, models: [...added] },
    };
  };
  return {
    ...customModelsDefaults,
    requestOwnModel: (manifest, classNames, classSource = 'the class names') =>
      set({
        ownModelRequest: { token: ++token, manifest, classNames, classSource },
        ownModelStatus: { kind: 'loading', name: manifest.title },
      }),
    setOwnModelStatus: (ownModelStatus) => set({ ownModelStatus }),
    addCustomModel: (manifest) => {
      set(withAdded([manifest]));
      get().selectModel(manifest.id);
      // an own model has no test set: show the user's picture when there is one
      if (get().ownImage) get().setImageSource('own');
    },
    addKeptModels: (manifests) => {
      if (manifests.length === 0) return;
      const kept = new Set([...get().keptModelIds, ...manifests.map((m) => m.id)]);
      // before the shipped list arrives, they wait in customModels (the list effect joins them)
      const { customModels, modelList } = withAdded(manifests);
      set(
        get().modelList.status === 'ready'
          ? { customModels, modelList, keptModelIds: [...kept] }
          : { customModels, keptModelIds: [...kept] },
      );
    },
    pairOwnModelWithTestSet: (id, testSet) => {
      const model = get().customModels.find((m) => m.id === id);
      if (!model) return;
      let paired: ModelManifest;
      try {
        paired = withTestSet(model, testSet);
      } catch (e) {
        get().pushError('model', e instanceof Error ? e.message : String(e));
        return;
      }
      set(withAdded([paired]));
      if (get().selectedModelId !== id) return;
      // another dataset: its paper eps, as when switching to one of its models
      set({ eps: epsRangeFor(paired.dataset).default, probeImage: null });
      get().setImageSource('test');
      get().selectIndex(get().selectedIndex);
    },
    markKept: (id) => {
      if (!get().keptModelIds.includes(id)) set({ keptModelIds: [...get().keptModelIds, id] });
    },
    removeCustomModel: (id) => {
      const s = get();
      const list = s.modelList;
      const models = list.status === 'ready' ? list.models.filter((m) => m.id !== id) : [];
      set({
        customModels: s.customModels.filter((m) => m.id !== id),
        keptModelIds: s.keptModelIds.filter((k) => k !== id),
        ...(list.status === 'ready' ? { modelList: { status: 'ready' as const, models } } : {}),
      });
      if (s.selectedModelId === id) {
        const next = defaultModel(models);
        if (next) get().selectModel(next.id);
        else set({ selectedModelId: null });
      }
    },
  };
};
