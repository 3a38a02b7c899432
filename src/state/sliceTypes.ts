import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './types';

/** One slice of the store, typed against the whole state (zustand slices pattern). */
export type AppSlice<T> = StateCreator<AppState, [['zustand/subscribeWithSelector', never]], [], T>;
