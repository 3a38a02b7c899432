/** The tour's runtime, provided to every section through React context. */
import { createContext, useContext } from 'react';
import type { TourRuntime } from './tourRuntime';

export const TourRuntimeContext = createContext<TourRuntime | null>(null);

export function useTourRuntime(): TourRuntime {
  const runtime = useContext(TourRuntimeContext);
  if (!runtime) throw new Error('a tour figure was rendered outside <TourRuntimeContext>');
  return runtime;
}
