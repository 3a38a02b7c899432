import { useEffect } from 'react';
import { AppStoreProvider, type AppStore } from '../state';
import { AppShell } from './AppShell';
import { startAppEffects, type EffectsEnv } from './effects';
import { EffectsEnvContext } from './effectsEnvContext';

export interface ExplorerProps {
  /** one store per explorer: several explorers on a page stay independent */
  store: AppStore;
  env: EffectsEnv;
}

/** One whole explorer: the store, the effects that drive the engine, and the page. */
export function Explorer({ store, env }: ExplorerProps) {
  useEffect(() => startAppEffects(store, env), [store, env]);
  return (
    <AppStoreProvider store={store}>
      <EffectsEnvContext.Provider value={env}>
        <AppShell />
      </EffectsEnvContext.Provider>
    </AppStoreProvider>
  );
}
