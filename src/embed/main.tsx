/**
 * embed.html: one compact explorer in an iframe, its state from the URL (the same codec as the
 * full app), `controls=` choosing the visible controls, `origins=` the host origins that may use
 * the postMessage API. No tfjs here (it is in the worker).
 */
import { renderIntoRoot, startPage } from '../app/startPage';
import { dedicatedEngineWorker } from '../engine/client';
import { sharedFirst } from '../engine/sharedWorker';
import { reportIgnored } from '../state';
import { startMessageBridge } from './bridge';
import { parseControls } from './controls';
import { EmbedExplorer } from './EmbedExplorer';
import { originPolicy, parentOriginOf, parseOrigins } from './messages';
import '../styles.css';

// the embeds of a course page from this origin share one engine (one backend, one model cache)
const { store, env, appBase } = startPage({ workerFactory: sharedFirst(dedicatedEngineWorker) });
const params = new URLSearchParams(window.location.search);
const { controls, warnings: controlWarnings } = parseControls(params.get('controls'));
const { origins, warnings: originWarnings } = parseOrigins(params.get('origins'));
reportIgnored(store, [...controlWarnings, ...originWarnings], 'embed');
startMessageBridge(window, store, originPolicy(origins, parentOriginOf(window)));

renderIntoRoot(
  <EmbedExplorer store={store} env={env} controls={controls} appBase={appBase} />,
  'embed.html',
);
