/**
 * The address bar and the store: a page reads its state from the URL once, and writes it back
 * (history.replaceState, throttled: a single change such as a backend choice is written at once, so
 * an immediate reload keeps it; dragging the eps slider makes no history entries and at most one
 * write per interval, the last value always written). Query parameters the codec does not own (an
 * embed's `controls`, `origins`) are kept.
 */
import type { AppStore } from '../store';
import { SHAREABLE_KEYS, decodeState, encodeState, type Decoded } from './codec';
import { applyShareable, reclampWhenModelKnown, shareableFromState } from './storeState';

/** Decodes a query string, says what it ignored on the console, and applies the rest. */
export function applyUrlState(store: AppStore, search: string): Decoded {
  const decoded = decodeState(search);
  reportIgnored(store, decoded.warnings, 'link');
  applyShareable(store, decoded.state);
  reclampWhenModelKnown(store);
  return decoded;
}

/** console.warn plus one small notice in the page (plain text, never markup). */
export function reportIgnored(store: AppStore, warnings: readonly string[], source: string): void {
  if (warnings.length === 0) return;
  for (const w of warnings) console.warn(`adversarial-explorer: ${source}: ${w}`);
  const shown = warnings.slice(0, 3).join('; ');
  const more = warnings.length > 3 ? ` (and ${warnings.length - 3} more)` : '';
  store.getState().pushError(source, `Some settings were ignored: ${shown}${more}.`);
}

/** The URL of `href` with the store's shareable state in its query (other parameters kept). */
export function urlWithState(href: string, store: AppStore): URL {
  const url = new URL(href);
  const kept = [...url.searchParams.entries()].filter(
    ([key]) => key !== 'v' && !(SHAREABLE_KEYS as readonly string[]).includes(key),
  );
  const params = encodeState(shareableFromState(store.getState()));
  for (const [key, value] of kept) params.append(key, value);
  url.search = params.toString();
  return url;
}

export interface UrlSyncOptions {
  intervalMs?: number;
}

/** Keeps the address bar equal to the store's shareable state; returns the stop function. */
export function syncStateToUrl(
  store: AppStore,
  win: Window = window,
  options: UrlSyncOptions = {},
): () => void {
  const interval = options.intervalMs ?? 250;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastWriteAt = -Infinity;
  const write = () => {
    timer = null;
    lastWriteAt = Date.now();
    const url = urlWithState(win.location.href, store);
    if (url.href !== win.location.href) win.history.replaceState(win.history.state, '', url);
  };
  const unsubscribe = store.subscribe(
    (s) => encodeState(shareableFromState(s)).toString(),
    () => {
      if (timer !== null) return; // a trailing write is already due and reads the newest state
      const wait = lastWriteAt + interval - Date.now();
      if (wait <= 0) write();
      else timer = setTimeout(write, wait);
    },
  );
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}
