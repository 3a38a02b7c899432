/**
 * An explorer view inside the tour: the embed's own component (src/embed/EmbedExplorer) with a
 * store of its own, running on the page's one engine. It starts computing when it scrolls into
 * view, like any embed. The store is the figure's: its numbers and its explorer link read it.
 */
import { useMemo, useState } from 'react';
import type { EmbedControl } from '../../embed/controls';
import { EmbedExplorer } from '../../embed/EmbedExplorer';
import {
  applyShareable,
  createAppStore,
  shareableFromState,
  type AppData,
  type AppStore,
  type ShareableState,
} from '../../state';
import { useTourRuntime } from '../runtime/context';
import type { ExplorerState } from '../logic/explorerLink';

/** A store set to `state` (model first), on the tour's backend; made once per figure. */
export function useEmbeddedStore(
  state: ShareableState,
  configure?: (store: AppStore) => void,
): AppStore {
  const rt = useTourRuntime();
  const [store] = useState(() => {
    const s = createAppStore();
    // the same preference as the page's engine: another would restart the shared worker
    s.getState().setBackendPreference(rt.backend);
    applyShareable(s, state);
    configure?.(s);
    return s;
  });
  return store;
}

/** What a link to the full explorer records of a store's state (its model is always set). */
export function explorerStateOf(s: AppData): ExplorerState {
  const shareable = shareableFromState(s);
  // the tour's own backend choice is not part of the figure's state
  delete shareable.backend;
  return { ...shareable, model: shareable.model ?? '' };
}

export function EmbeddedView({
  store,
  controls = [],
  testId,
}: {
  store: AppStore;
  controls?: readonly EmbedControl[];
  testId: string;
}) {
  const rt = useTourRuntime();
  const env = useMemo(() => rt.effectsEnv(), [rt]);
  return (
    <div className="tour-embed" data-testid={testId}>
      <EmbedExplorer store={store} env={env} controls={controls} appBase={rt.appBase} />
    </div>
  );
}
