/**
 * One compact explorer for a course page: one view, the controls its host chose, a status line
 * with the predictions, and a link to the full explorer. It starts its engine effects only once
 * it is on screen, lays itself out for the width it gets, and stays inside the height it gets
 * (the view scrolls; see embed.css).
 */
import { useEffect, useRef, useState } from 'react';
import { startAppEffects, type EffectsEnv } from '../app/effects';
import { EffectsEnvContext } from '../app/effectsEnvContext';
import { VIEWS } from '../app/views';
import {
  AppStoreProvider,
  encodeState,
  shareableFromState,
  useAppStore,
  selectClassNames,
  type AppStore,
} from '../state';
import type { EmbedControl } from './controls';
import { EmbedControls } from './EmbedControls';
import { EmbedErrorLine } from './EmbedErrorLine';
import { selectCurrentOutcome } from '../state';
import { predictionsOf } from './results';
import './embed.css';

export interface EmbedExplorerProps {
  store: AppStore;
  env: EffectsEnv;
  controls: readonly EmbedControl[];
  /** where the full explorer (index.html) lives, ending in '/' */
  appBase: string;
}

type Size = 'narrow' | 'wide';

export function EmbedExplorer({ store, env, controls, appBase }: EmbedExplorerProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  // without IntersectionObserver (old browsers) there is no way to wait: start at once
  const [visible, setVisible] = useState(() => typeof IntersectionObserver === 'undefined');
  const [size, setSize] = useState<Size>('wide');

  // computing starts the first time the embed is on screen, and then keeps going
  useEffect(() => {
    const root = rootRef.current;
    if (!root || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setVisible(true);
        observer.disconnect();
      }
    });
    observer.observe(root);
    return () => observer.disconnect();
  }, []);

  useEffect(() => (visible ? startAppEffects(store, env) : undefined), [visible, store, env]);

  useEffect(() => {
    const root = rootRef.current;
    if (!root || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize(entry.contentRect.width < 520 ? 'narrow' : 'wide');
    });
    observer.observe(root);
    return () => observer.disconnect();
  }, []);

  return (
    <AppStoreProvider store={store}>
      <div
        ref={rootRef}
        className="ae-app ae-embed"
        data-size={size}
        data-started={visible}
        data-testid="embed-root"
      >
        <EmbedErrorLine />
        <EmbedControls controls={controls} />
        <div className="ae-embed__view" data-testid="embed-view-area">
          {/* the views that start engine work on a click (Train, Experiments) need the env */}
          <EffectsEnvContext.Provider value={env}>
            <EmbedView />
          </EffectsEnvContext.Provider>
        </div>
        <footer className="ae-embed__footer">
          <EmbedStatus />
          <FullExplorerLink appBase={appBase} />
        </footer>
      </div>
    </AppStoreProvider>
  );
}

function EmbedView() {
  const tab = useAppStore((s) => s.activeTab);
  const entry = VIEWS.find((v) => v.id === tab) ?? VIEWS[0];
  if (!entry) return null;
  return (
    <div data-testid={`panel-${entry.id}`}>
      <entry.Component />
    </div>
  );
}

function EmbedStatus() {
  const outcome = useAppStore(selectCurrentOutcome);
  const names = useAppStore(selectClassNames);
  const predictions = predictionsOf(outcome, names);
  const started = useAppStore((s) => s.engineStatus.kind);
  if (!predictions) {
    return (
      <span className="ae-muted" data-testid="embed-status">
        {started === 'failed' ? 'The engine could not start.' : 'Computing…'}
      </span>
    );
  }
  const { clean, adversarial, eps } = predictions;
  const pct = (p: number) => `${(100 * p).toFixed(1)}%`;
  return (
    <span
      data-testid="embed-status"
      data-clean-class={clean.predictedClass}
      data-adversarial-class={adversarial.predictedClass}
      data-eps={eps}
    >
      {clean.className} ({pct(clean.confidence)}) → at ε = {eps}: {adversarial.className} (
      {pct(adversarial.confidence)})
    </span>
  );
}

function FullExplorerLink({ appBase }: { appBase: string }) {
  const query = useAppStore((s) => encodeState(shareableFromState(s)).toString());
  return (
    <a
      className="ae-embed__full-link"
      href={new URL(`./?${query}`, appBase).href}
      target="_blank"
      rel="noopener"
      data-testid="embed-full-link"
    >
      Open in the full explorer
    </a>
  );
}
