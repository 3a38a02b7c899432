/**
 * Own models are loaded once, by the own-model effect, before they join the picker; the app's
 * model effect takes that result instead of loading the same model a second time.
 */
import type { LoadedModelInfo } from '../../engine/api';
import type { ModelManifest } from '../../models/manifest';

const preloaded = new WeakMap<ModelManifest, LoadedModelInfo>();

export function rememberPreloaded(manifest: ModelManifest, info: LoadedModelInfo): void {
  preloaded.set(manifest, info);
}

/** The load result for exactly this manifest object, once (a later selection loads again). */
export function takePreloaded(manifest: ModelManifest): LoadedModelInfo | undefined {
  const info = preloaded.get(manifest);
  preloaded.delete(manifest);
  return info;
}
