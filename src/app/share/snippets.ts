/**
 * The text the Share / embed dialog offers: the link, the iframe snippet and the custom element
 * snippet for a state. Attribute values are escaped although the codec allows no markup in them.
 */
import { encodeState, type ShareableKey, type ShareableState } from '../../state';

/** The custom element's attribute for each shareable field (kebab-case). */
export const ELEMENT_ATTRIBUTES: Record<ShareableKey, string> = {
  model: 'model',
  image: 'image',
  eps: 'eps',
  attack: 'attack',
  target: 'target',
  steps: 'steps',
  stepSize: 'step-size',
  label: 'label',
  view: 'view',
  sweepMax: 'sweep-max',
  sweepPoints: 'sweep-points',
  mapRes: 'map-res',
  mapSeed: 'map-seed',
  mapDir: 'map-direction',
  backend: 'backend',
  compareModel: 'compare-model',
  plot: 'plot',
  maps: 'maps',
  cell: 'cell',
  cellDir: 'cell-direction',
  wcompare: 'weights-compare',
  wpage: 'weights-page',
  wunits: 'weights-units',
  xkind: 'experiment',
  xmodels: 'experiment-models',
  xattack: 'experiment-attack',
  xtarget: 'experiment-target',
  xeps: 'experiment-eps-list',
  xeps1: 'experiment-eps',
  xlimit: 'experiment-images',
  xseed: 'experiment-seed',
  xcount: 'experiment-count',
  xsteps: 'experiment-steps',
  xdir: 'experiment-step',
  xsources: 'experiment-sources',
  labData: 'lab-data',
  labModel: 'lab-model',
  labUnits: 'lab-units',
  labPieces: 'lab-pieces',
  labX: 'lab-x',
  labAlpha: 'lab-alpha',
  labEps: 'lab-eps',
  labLr: 'lab-lr',
  labBatch: 'lab-batch',
  labEpochs: 'lab-epochs',
  labSeed: 'lab-seed',
  labDropout: 'lab-dropout',
  labInputDropout: 'lab-input-dropout',
  labImages: 'lab-images',
};

export function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** embed.html for a state, with the controls to show (e.g. ['eps']). */
export function embedLink(
  appBase: string,
  state: ShareableState,
  controls: readonly string[] = ['eps'],
): string {
  const params = encodeState(state);
  if (controls.length > 0) params.set('controls', controls.join(','));
  return new URL(`embed.html?${params.toString()}`, appBase).href;
}

/** A backend override suits this machine, not every reader's: snippets leave it out. */
function forEmbedding(state: ShareableState): ShareableState {
  const copy = { ...state };
  delete copy.backend;
  return copy;
}

export function iframeSnippet(appBase: string, shared: ShareableState): string {
  const state = forEmbedding(shared);
  const src = escapeAttribute(embedLink(appBase, state));
  const title = escapeAttribute(`Adversarial Explorer: ${state.view ?? 'image'} view`);
  return `<iframe src="${src}" width="640" height="480" style="border:0;max-width:100%" title="${title}" loading="lazy"></iframe>`;
}

export function elementSnippet(appBase: string, shared: ShareableState): string {
  const state = forEmbedding(shared);
  const script = escapeAttribute(new URL('lib/adversarial-explorer.js', appBase).href);
  const attributes = (Object.keys(ELEMENT_ATTRIBUTES) as ShareableKey[])
    .filter((key) => state[key] !== undefined)
    .map((key) => `${ELEMENT_ATTRIBUTES[key]}="${escapeAttribute(String(state[key]))}"`)
    .join(' ');
  return `<script type="module" src="${script}"></script>\n<adversarial-explorer ${attributes} controls="eps"></adversarial-explorer>`;
}
