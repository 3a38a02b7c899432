/**
 * <adversarial-explorer view="sweep" model="mnist-maxout" image="42" eps="0.25" controls="eps">
 * for plain HTML pages. Attributes are the URL codec's fields (kebab-case) and are validated by
 * it; changing one changes the state. Each element has its own store and renders in its own
 * shadow root (styles included); all elements of a page share one engine worker. Events:
 * 'ae-ready', 'ae-result' (detail: results), 'ae-error' (detail: {message}).
 * Models, test images and the engine's files come from `base-url` (read when the element is
 * connected), by default the folder above this script (the explorer's build root).
 */
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ELEMENT_ATTRIBUTES } from '../app/share/snippets';
import { loadTestSet } from '../app/data/testSet';
import type { EffectsEnv } from '../app/effects';
import { fetchModelIndex } from '../models/registry';
import {
  createAppStore,
  reclampWhenModelKnown,
  reportIgnored,
  type AppStore,
  type ShareableKey,
} from '../state';
import { parseControls } from './controls';
import { EmbedExplorer } from './EmbedExplorer';
import { applyHostState, startEmbedEvents, type EmbedEvent } from './events';
import { parseHostState } from './messages';
import { resultsOf, type EmbedResults } from './results';
import { scopedClient, sharedEngineClient } from './sharedClient';
import { shadowStyles } from './shadowStyles';

const FIELD_OF_ATTRIBUTE = new Map<string, ShareableKey>(
  (Object.entries(ELEMENT_ATTRIBUTES) as [ShareableKey, string][]).map(([k, a]) => [a, k]),
);

/** this script's URL; kept in a variable so the bundler does not treat it as an asset */
const scriptUrl = import.meta.url;

function defaultBaseUrl(): string {
  return new URL('../', scriptUrl).href;
}

export class AdversarialExplorerElement extends HTMLElement {
  static readonly observedAttributes = [...FIELD_OF_ATTRIBUTE.keys()];

  private store: AppStore | null = null;
  private root: Root | null = null;
  private stopEvents: (() => void) | null = null;

  connectedCallback(): void {
    if (this.root) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    shadow.replaceChildren();
    const style = document.createElement('style');
    style.textContent = shadowStyles();
    const container = document.createElement('div');
    container.style.height = '100%';
    shadow.append(style, container);

    const baseUrl = this.resolveBase();
    const store = createAppStore();
    this.store = store;
    this.applyAttributes(Object.fromEntries(this.attributeEntries()));
    reclampWhenModelKnown(store);
    const { controls, warnings } = parseControls(this.getAttribute('controls'));
    reportIgnored(store, warnings, 'element');

    const env: EffectsEnv = {
      client: scopedClient(sharedEngineClient(baseUrl)),
      modelsBaseUrl: new URL('models/', baseUrl).href,
      dataBaseUrl: baseUrl,
      fetchModelIndex: (url) => fetchModelIndex(url),
      loadTestSet,
    };
    this.stopEvents = startEmbedEvents(store, (event) => this.emit(event));
    this.root = createRoot(container);
    this.root.render(createElement(EmbedExplorer, { store, env, controls, appBase: baseUrl }));
    this.emit({ type: 'ae:ready', state: resultsOf(store.getState()).state });
  }

  disconnectedCallback(): void {
    this.stopEvents?.();
    this.root?.unmount();
    this.root = null;
    this.store = null;
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (!this.store || value === null || old === value) return;
    this.applyAttributes({ [name]: value });
  }

  /** The same fields as 'ae:set-state', checked the same way (then validated by the URL codec). */
  setState(state: object): void {
    if (!this.store) return;
    const checked = parseHostState(state);
    if (checked.ok) applyHostState(this.store, checked.value, 'element');
    else this.store.getState().pushError('element', `Ignored setState: ${checked.reason}.`);
  }

  /** What 'ae:get-results' answers; null before the element is connected. */
  getResults(): EmbedResults | null {
    return this.store ? resultsOf(this.store.getState()) : null;
  }

  private resolveBase(): string {
    const attribute = this.getAttribute('base-url');
    try {
      return new URL(attribute ?? defaultBaseUrl(), document.baseURI).href.replace(/\/?$/, '/');
    } catch {
      console.warn('adversarial-explorer: base-url is not a URL; using the default');
      return defaultBaseUrl();
    }
  }

  private *attributeEntries(): Generator<[string, string]> {
    for (const attribute of FIELD_OF_ATTRIBUTE.keys()) {
      const value = this.getAttribute(attribute);
      if (value !== null) yield [attribute, value];
    }
  }

  /** attribute names -> codec fields -> the store (through the codec's validation) */
  private applyAttributes(attributes: Record<string, string>): void {
    if (!this.store) return;
    const state: Record<string, string> = {};
    for (const [attribute, value] of Object.entries(attributes)) {
      const field = FIELD_OF_ATTRIBUTE.get(attribute);
      if (field) state[field] = value;
    }
    applyHostState(this.store, state, 'element');
  }

  private emit(event: EmbedEvent): void {
    const { type, ...detail } = event;
    const name = type.replace(':', '-');
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

if (!customElements.get('adversarial-explorer')) {
  customElements.define('adversarial-explorer', AdversarialExplorerElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'adversarial-explorer': AdversarialExplorerElement;
  }
}
