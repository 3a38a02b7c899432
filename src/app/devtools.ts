import type { EngineClient } from '../engine/clientApi';
import { imageAt } from '../shared/dataset';
import {
  currentEngineImage,
  selectDataset,
  selectModels,
  selectTrueLabel,
  type AppStore,
} from '../state';
import { exposeDevtoolsHandle } from './devtoolsHandle';

/** Puts the app's client and what it shows on `window.adversarialExplorer`. */
export function exposeAppToDevtools(
  store: AppStore,
  client: EngineClient,
  modelsBaseUrl: string,
): () => void {
  return exposeDevtoolsHandle({
    client,
    models: () => selectModels(store.getState()),
    modelBaseUrl: () => modelsBaseUrl,
    currentModelId: () => store.getState().loadedModel?.id ?? null,
    currentImage: () => {
      const s = store.getState();
      // the user's own picture (or a cross-section point), as the model sees it
      const current = currentEngineImage(s);
      if (current && (current.own || current.probe)) {
        return {
          image: current.image,
          ...(current.trueLabel >= 0 ? { label: current.trueLabel } : {}),
          source: current.probe ? 'cross-section point' : `own image "${s.ownImage?.name ?? ''}"`,
        };
      }
      const dataset = selectDataset(s);
      if (!dataset || s.selectedIndex >= dataset.count) return null;
      const label = selectTrueLabel(s);
      return {
        image: imageAt(dataset, s.selectedIndex),
        // the class as the loaded model numbers them (the same as the dataset's for most models)
        ...(label === null ? {} : { label }),
        source: `${dataset.id} test #${s.selectedIndex}`,
      };
    },
    state: () => store.getState(),
  });
}
