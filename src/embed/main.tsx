/**
 * embed.html: one compact explorer in an iframe, its state from the URL (the same codec as the
 * full app), `controls=` choosing the visible controls, `origins=` the host origins that may use
 * the postMessage API. No tfjs here (it is in the worker).
 */
import { renderIntoRoot, startPage } from '../app/startPage';
import { reportIgnored } from '../state';
import { startMessageBridge } from './bridge';
import { parseControls } from './controls';
import { EmbedExplorer } from './EmbedExplorer';
import { originPolicy, parentOriginOf, parseOrigins } from './messages';
import '../styles.css';

const { store, env, appBase } = startPage();
const params = new URLSearchParams(window.location.search);
const { controls, warnings: controlWarnings } = parseControls(params.get('controls'));
const { origins, warnings: originWarnings } = parseOrigins(params.get('origins'));
reportIgnored(store, [...controlWarnings, ...originWarnings], 'embed');
startMessageBridge(window, store, originPolicy(origins, parentOriginOf(window)));

renderIntoRoot(
  <EmbedExplorer store={store} env={env} controls={controls} appBase={appBase} />,
  'embed.html',
);
