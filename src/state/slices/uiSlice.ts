import type { AppSlice } from '../sliceTypes';
import type { UiActions, UiData } from '../types';

export const uiDefaults: UiData = {
  activeTab: 'image',
  theme: 'system',
};

export const createUiSlice: AppSlice<UiData & UiActions> = (set) => ({
  ...uiDefaults,
  setActiveTab: (activeTab) => set({ activeTab }),
  setTheme: (theme) => set({ theme }),
});
