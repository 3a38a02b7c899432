/**
 * The store factory: every call makes an independent store, so several explorers (embeds) can
 * live on one page. subscribeWithSelector lets src/app/effects react to exactly the fields that
 * should trigger engine calls.
 */
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { createAttackSlice } from './slices/attackSlice';
import { createCompareSlice } from './slices/compareSlice';
import { createExperimentsSlice } from './slices/experimentsSlice';
import { createCustomModelsSlice } from './slices/customModels';
import { createEngineSlice } from './slices/engineSlice';
import { createLabSlice } from './slices/labSlice';
import { createModelSlice } from './slices/modelSlice';
import { createOwnImageSlice } from './slices/ownImage';
import { createPhotoSwitchSlice } from './slices/photoSwitch';
import { createResultSlice } from './slices/resultSlice';
import { createTestImageSlice } from './slices/testImageSlice';
import { createUiSlice } from './slices/uiSlice';
import { createViewsSlice } from './slices/viewsSlice';
import type { AppData, AppState } from './types';

export function createAppStore(initial: Partial<AppData> = {}) {
  return createStore<AppState>()(
    subscribeWithSelector((...a) => ({
      ...createEngineSlice(...a),
      ...createModelSlice(...a),
      ...createTestImageSlice(...a),
      ...createAttackSlice(...a),
      ...createResultSlice(...a),
      ...createViewsSlice(...a),
      ...createUiSlice(...a),
      ...createOwnImageSlice(...a),
      ...createCustomModelsSlice(...a),
      ...createPhotoSwitchSlice(...a),
      ...createCompareSlice(...a),
      ...createExperimentsSlice(...a),
      ...createLabSlice(...a),
      ...initial,
    })),
  );
}

export type AppStore = ReturnType<typeof createAppStore>;
