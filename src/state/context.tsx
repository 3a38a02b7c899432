import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createAppStore, type AppStore } from './store';
import type { AppData, AppState } from './types';

const AppStoreContext = createContext<AppStore | null>(null);

interface ProviderProps {
  /** an existing store (tests, embedding); otherwise one is made from `initial` */
  store?: AppStore;
  initial?: Partial<AppData>;
  children: ReactNode;
}

/** Provides one store instance to a subtree; each provider is an independent explorer. */
export function AppStoreProvider({ store, initial, children }: ProviderProps) {
  const [own] = useState(() => store ?? createAppStore(initial));
  return <AppStoreContext.Provider value={store ?? own}>{children}</AppStoreContext.Provider>;
}

export function useAppStoreApi(): AppStore {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('useAppStore must be used inside <AppStoreProvider>');
  return store;
}

/** Reads from the nearest store; wrap selectors that build objects or arrays in useShallow. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}
