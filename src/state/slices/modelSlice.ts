import { clampEps, epsRangeFor } from '../epsRange';
import { selectSelectedManifest } from '../selectors';
import type { AppSlice } from '../sliceTypes';
import type { ModelActions, ModelData } from '../types';

export const modelDefaults: ModelData = {
  modelList: { status: 'loading' },
  selectedModelId: null,
  loadedModel: null,
  modelLoading: false,
};

export const createModelSlice: AppSlice<ModelData & ModelActions> = (set, get) => ({
  ...modelDefaults,
  setModelList: (modelList) => set({ modelList }),
  selectModel: (id) => {
    const before = selectSelectedManifest(get());
    // a switch made for a photo is settled once the user picks a model
    set({ selectedModelId: id, probeImage: null, weightsPage: 0, modelSwitch: null });
    const after = selectSelectedManifest(get());
    if (!after) return;
    // a model of fewer classes may not know the current image: move to one it knows
    const { imageSource, labelSource, labelSourceBeforeOwn } = get();
    get().selectIndex(get().selectedIndex);
    // the user's own picture stays the current image, prepared for the new model
    set({ imageSource, labelSource, labelSourceBeforeOwn });
    const range = epsRangeFor(after.dataset);
    if (before && before.dataset !== after.dataset) {
      // another dataset: its paper eps, and class indices that exist in it
      set({ eps: range.default, targetClass: 0 });
    } else {
      set((s) => ({
        eps: clampEps(s.eps, range),
        targetClass: Math.min(s.targetClass, after.classNames.length - 1),
      }));
    }
  },
  setLoadedModel: (loadedModel) => set({ loadedModel }),
  setModelLoading: (modelLoading) => set({ modelLoading }),
});
