export {
  URL_STATE_VERSION,
  EMBED_PARAMS,
  SHAREABLE_KEYS,
  decodeState,
  encodeState,
  type Decoded,
  type ShareableKey,
  type ShareableState,
} from './codec';
export {
  applyShareable,
  reclampWhenModelKnown,
  shareableFromState,
  unshareableNote,
} from './storeState';
export { applyUrlState, reportIgnored, syncStateToUrl, urlWithState } from './sync';
