/**
 * The iframe side of the postMessage API: reads validated messages from the allowed parent
 * origins only, and posts its events to the parent's exact origin (never '*').
 */
import { shareableFromState, type AppStore } from '../state';
import { applyHostState, startEmbedEvents, type EmbedEvent } from './events';
import { parseHostMessage, type OriginPolicy } from './messages';
import { resultsOf } from './results';

export function startMessageBridge(win: Window, store: AppStore, policy: OriginPolicy): () => void {
  const post = (message: object) => {
    if (win.parent === win) return;
    for (const origin of policy.targets()) win.parent.postMessage(message, origin);
  };

  const onMessage = (event: MessageEvent) => {
    // only the embedding page, and only from an allowed origin; everything else is not for us
    if (event.source !== win.parent || win.parent === win || !policy.accepts(event.origin)) return;
    policy.learn(event.origin);
    const checked = parseHostMessage(event.data as unknown);
    if (!checked.ok) {
      console.warn(`adversarial-explorer: ignored a message: ${checked.reason}`);
      // shown as the embed's error line; the event stream posts it to the host as ae:error
      store.getState().pushError('message', `Ignored a message: ${checked.reason}.`);
      return;
    }
    const message = checked.value;
    if (message.type === 'ae:set-state') {
      // ignored fields become a notice, which the event stream reports as ae:error
      applyHostState(store, message.state, 'message');
    } else {
      post({ type: 'ae:results', id: message.id, ...resultsOf(store.getState()) });
    }
  };

  win.addEventListener('message', onMessage);
  const stopEvents = startEmbedEvents(store, (event: EmbedEvent) => post(event));
  post({ type: 'ae:ready', state: shareableFromState(store.getState()) });
  return () => {
    win.removeEventListener('message', onMessage);
    stopEvents();
  };
}
