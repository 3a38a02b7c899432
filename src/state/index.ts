export { createAppStore, type AppStore } from './store';
export { AppStoreProvider, useAppStore, useAppStoreApi } from './context';
export * from './selectors';
export * from './ownImageSelectors';
export * from './testImagesStatus';
export type { OwnImage, QuantisedCheck, NewOwnImage } from './slices/ownImage';
export type { ModelSwitchNotice } from './slices/photoSwitch';
export type { OwnModelStatus, OwnModelRequest } from './slices/customModels';
export * from './types';
export { epsRangeFor, clampEps, formatEps255, type EpsRange } from './epsRange';
export { parseBackendParam } from './urlBackend';
export * from './url';
export { MAX_PGD_STEPS } from './slices/attackSlice';
export {
  COMPARE_MODES,
  type CompareCell,
  type CompareMode,
  type CompareRole,
} from './slices/compareSlice';
export { selectCompareModel, selectCompareOptions } from './compareSelectors';
export { EXPERIMENT_KIND_IDS, type ExperimentSettings } from './slices/experimentsSlice';
