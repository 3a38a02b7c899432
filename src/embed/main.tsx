/**
 * embed.html: one compact explorer in an iframe, its state from the URL (the same codec as the
 * full app), `controls=` choosing the visible controls, `origins=` the host origins that may use
 * the postMessage API. No tfjs here (it is in the worker).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadTestSet } from '../app/data/testSet';
import { exposeAppToDevtools } from '../app/devtools';
import type { EffectsEnv } from '../app/effects';
import { createEngineClient } from '../engine/client';
import { fetchModelIndex } from '../models/registry';
import { applyUrlState, createAppStore, reportIgnored, syncStateToUrl } from '../state';
import { startMessageBridge } from './bridge';
import { parseControls } from './controls';
import { EmbedExplorer } from './EmbedExplorer';
import { originPolicy, parentOriginOf, parseOrigins } from './messages';
import '../styles.css';

const appBase = new URL(import.meta.env.BASE_URL, window.location.href).href;
const modelsBaseUrl = new URL('models/', appBase).href;
const params = new URLSearchParams(window.location.search);

const store = createAppStore();
applyUrlState(store, window.location.search);
const { controls, warnings: controlWarnings } = parseControls(params.get('controls'));
const { origins, warnings: originWarnings } = parseOrigins(params.get('origins'));
reportIgnored(store, [...controlWarnings, ...originWarnings], 'embed');

const client = createEngineClient({ baseUrl: appBase });
const env: EffectsEnv = {
  client,
  modelsBaseUrl,
  dataBaseUrl: appBase,
  fetchModelIndex: (url) => fetchModelIndex(url),
  loadTestSet,
};
client.onTiming((t) => store.getState().recordOp(t.operation, t.ms));
syncStateToUrl(store);
exposeAppToDevtools(store, client, modelsBaseUrl);
startMessageBridge(window, store, originPolicy(origins, parentOriginOf(window)));

const container = document.getElementById('root');
if (!container) throw new Error('embed.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <EmbedExplorer store={store} env={env} controls={controls} appBase={appBase} />
  </StrictMode>,
);
