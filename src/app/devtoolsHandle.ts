/**
 * A typed handle on `window.adversarialExplorer`, so researchers can script the engine from the
 * browser console (and the end-to-end tests can compare backends through the very same bridge
 * the UI uses):
 *
 *   const { client } = window.adversarialExplorer;
 *   const image = window.adversarialExplorer.currentImage();
 *   await client.sweep('mnist-softmax', image.image, { epsMax: 0.25, labelSource: 'predicted' });
 *
 * No tfjs here: the handle only passes on the main-thread engine client.
 */
import type { ImageData01 } from '../engine/api';
import type { EngineClient } from '../engine/clientApi';
import type { ModelManifest } from '../models/manifest';

/** The image the app shows now, with its true label when the dataset knows it. */
export interface CurrentImage {
  image: ImageData01;
  label?: number;
  /** where it came from, e.g. "mnist test #7" */
  source?: string;
}

export interface DevtoolsHandle {
  /** the app's one engine bridge (the same worker the UI drives) */
  client: EngineClient;
  /** the entries of models/index.json (plus any model the user brought), as the app knows them */
  models?: () => readonly ModelManifest[];
  /** the base URL that `client.loadModel(manifest, baseUrl)` wants for this manifest */
  modelBaseUrl?: (manifest: ModelManifest) => string;
  /** the id of the model the app has loaded now, if any */
  currentModelId?: () => string | null;
  /** the image the app shows now, if any */
  currentImage?: () => CurrentImage | null;
  /** a snapshot of the app's state, for inspection (read-only by convention) */
  state?: () => unknown;
}

declare global {
  interface Window {
    adversarialExplorer?: DevtoolsHandle;
  }
}

/** Puts the handle on `window.adversarialExplorer`; returns a function that removes it again. */
export function exposeDevtoolsHandle(handle: DevtoolsHandle): () => void {
  window.adversarialExplorer = handle;
  return () => {
    if (window.adversarialExplorer === handle) delete window.adversarialExplorer;
  };
}
