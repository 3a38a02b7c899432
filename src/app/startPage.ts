/**
 * What every page entry (index.html, embed.html) starts the same way: the store with the state a
 * shared link carries, one engine client, the effects' environment, operation times to the status
 * bar, the URL kept in sync, and the devtools handle. No tfjs here (it is in the worker).
 */
import { createElement, StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createEngineClient, type EngineBridge } from '../engine/client';
import { backendMemory } from '../engine/bridge/backendMemoryStore';
import type { WorkerFactory } from '../engine/sharedWorker';
import { fetchModelIndex } from '../models/registry';
import { applyUrlState, createAppStore, syncStateToUrl, type AppStore } from '../state';
import { loadTestSet } from './data/testSet';
import { indexedDbKeptModels } from './data/keptModelStore';
import { exposeAppToDevtools } from './devtools';
import { markStartup } from '../shared/startupMarks';
import { registerServiceWorker } from './serviceWorker';
import type { EffectsEnv } from './effects';

export interface Page {
  store: AppStore;
  client: EngineBridge;
  env: EffectsEnv;
  /** absolute URL of the app's folder (Vite's BASE_URL against the page) */
  appBase: string;
}

export interface PageOptions {
  /**
   * the page's explorer joins the engine the page's other explorers use (a SharedWorker:
   * embed.html in a course page with several embeds); default: its own worker
   */
  workerFactory?: WorkerFactory;
}

export function startPage(options: PageOptions = {}): Page {
  markStartup('page-start');
  // which deploy this page runs (VITE_BUILD_LABEL at build time): the update test reads it
  const label: unknown = import.meta.env['VITE_BUILD_LABEL'];
  document.documentElement.dataset['aeBuild'] = typeof label === 'string' ? label : 'local';
  const appBase = new URL(import.meta.env.BASE_URL, window.location.href).href;
  const modelsBaseUrl = new URL('models/', appBase).href;
  // the state a shared link carries (model, image, eps, attack, view, backend, ...)
  const store = createAppStore();
  applyUrlState(store, window.location.search);
  const client = createEngineClient({
    baseUrl: appBase,
    backendMemory: backendMemory(),
    ...(options.workerFactory ? { workerFactory: options.workerFactory } : {}),
  });
  const env: EffectsEnv = {
    client,
    modelsBaseUrl,
    dataBaseUrl: appBase,
    fetchModelIndex: (url) => fetchModelIndex(url),
    loadTestSet,
    keptModels: indexedDbKeptModels(),
  };
  // every engine operation's time, the views' sweeps and maps included, reaches the status bar
  // the worker (1.7 MB of script to fetch and parse, then the backend) starts now, not after
  // React's first render; the effects' init with the same preference joins this start
  client.init(store.getState().backendPreference).catch(() => undefined);
  client.onTiming((t) => store.getState().recordOp(t.operation, t.ms));
  syncStateToUrl(store);
  registerServiceWorker(appBase, firstResultOrTimeout(store, 10_000));
  exposeAppToDevtools(store, client, modelsBaseUrl);
  return { store, client, env, appBase };
}

/** Resolves at the first attack result shown, or after `ms` (a view without one, an error). */
function firstResultOrTimeout(store: AppStore, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const unsubscribe = store.subscribe((s) => {
      if (s.attackOutcome !== null) done();
    });
    function done(): void {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}

/** Renders `element` into the page's #root (`page` names the HTML file in the error). */
export function renderIntoRoot(element: ReactNode, page: string): void {
  const container = document.getElementById('root');
  if (!container) throw new Error(`${page} has no #root element`);
  createRoot(container).render(createElement(StrictMode, null, element));
}
