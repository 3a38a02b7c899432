import { OWN_MODEL_ID_PREFIX } from '../../models/ownModelManifest';

let next = 1;

/** A fresh id for a model the user brings this session (own-1, own-2, …). */
export const nextOwnModelId = (): string => `${OWN_MODEL_ID_PREFIX}${next++}`;
