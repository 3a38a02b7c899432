/** The page entry: one engine client, one store, the explorer. No tfjs here (it is in the worker). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadTestSet } from './app/data/testSet';
import { exposeAppToDevtools } from './app/devtools';
import type { EffectsEnv } from './app/effects';
import { Explorer } from './app/Explorer';
import { createEngineClient } from './engine/client';
import { fetchModelIndex } from './models/registry';
import { applyUrlState, createAppStore, syncStateToUrl } from './state';
import './styles.css';

const appBase = new URL(import.meta.env.BASE_URL, window.location.href).href;
const modelsBaseUrl = new URL('models/', appBase).href;

// the state a shared link carries (model, image, eps, attack, view, backend, ...)
const store = createAppStore();
applyUrlState(store, window.location.search);
const client = createEngineClient({ baseUrl: appBase });
const env: EffectsEnv = {
  client,
  modelsBaseUrl,
  dataBaseUrl: appBase,
  fetchModelIndex: (url) => fetchModelIndex(url),
  loadTestSet,
};

// every engine operation's time, the views' sweeps and maps included, reaches the status bar
client.onTiming((t) => store.getState().recordOp(t.operation, t.ms));
syncStateToUrl(store);
exposeAppToDevtools(store, client, modelsBaseUrl);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <Explorer store={store} env={env} />
  </StrictMode>,
);
