/**
 * The events an embed reports, for either transport (postMessage from an iframe, DOM
 * CustomEvents from the custom element): a result whenever a new attack or sweep result is on
 * screen, an error for every new error, and the handling of a host's request.
 */
import {
  applyShareable,
  decodeState,
  reportIgnored,
  type AppStore,
  type ShareableState,
} from '../state';
import { resultsOf, type EmbedResults } from './results';

export type EmbedEvent =
  | { type: 'ae:ready'; state: ShareableState }
  | ({ type: 'ae:result' } & EmbedResults)
  | { type: 'ae:error'; message: string };

/** Calls `emit` for every new result and error; returns the stop function. */
export function startEmbedEvents(store: AppStore, emit: (event: EmbedEvent) => void): () => void {
  let lastErrorId = Math.max(-1, ...store.getState().errors.map((e) => e.id));
  const sendResult = () => {
    const results = resultsOf(store.getState());
    if (results.predictions) emit({ type: 'ae:result', ...results });
  };
  const stops = [
    store.subscribe((s) => s.attackOutcome, sendResult),
    store.subscribe(
      (s) => (s.activeTab === 'sweep' ? s.sweepOutcome : null),
      (outcome) => {
        if (outcome) sendResult();
      },
    ),
    store.subscribe(
      (s) => s.errors,
      (errors) => {
        for (const e of errors) {
          if (e.id <= lastErrorId) continue;
          lastErrorId = e.id;
          emit({ type: 'ae:error', message: e.message });
        }
      },
    ),
    store.subscribe(
      (s) => s.sweepError,
      (message) => {
        if (message) emit({ type: 'ae:error', message });
      },
    ),
  ];
  return () => stops.forEach((stop) => stop());
}

/**
 * Applies a host's state (validated by the URL codec, so the same rules hold); the ignored
 * fields are reported as a notice and returned.
 */
export function applyHostState(store: AppStore, state: object, source: string): string[] {
  const { state: decoded, warnings } = decodeState(state, []);
  reportIgnored(store, warnings, source);
  applyShareable(store, decoded);
  return warnings;
}
