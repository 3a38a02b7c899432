/**
 * The explorer's engine environment (client, base URLs, test-set loader) for the few containers
 * that start engine work on a click instead of through the store's effects (the Experiments view).
 */
import { createContext, useContext } from 'react';
import type { EffectsEnv } from './effects';

export const EffectsEnvContext = createContext<EffectsEnv | null>(null);

/** null outside an Explorer (e.g. a bare AppShell in a test). */
export function useEffectsEnv(): EffectsEnv | null {
  return useContext(EffectsEnvContext);
}
