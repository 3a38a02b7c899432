/**
 * What the Image panel and the test-image picker say when there is no test image to show: a
 * model without test images (one the user brought) and how to bring a picture instead, or the
 * test set's load error; and which bundled test sets such a model could use.
 */
import { isOwnModelManifest, testSetsFitting } from '../models/ownModelManifest';
import type { ModelManifest } from '../models/manifest';
import type { BundledDatasetId } from '../shared/dataset';
import { selectCanDraw, selectActiveOwn } from './ownImageSelectors';
import { selectSelectedManifest, selectTestSetId, selectTestSetState } from './selectors';
import type { AppData } from './types';

/**
 * The note to show in place of the test images, or null where the usual words fit (a test set
 * loading, no model chosen yet, the images shown).
 */
export function selectTestImagesNote(s: AppData): string | null {
  const manifest = selectSelectedManifest(s);
  if (!manifest) return null;
  if (selectTestSetId(s) === null) {
    const draw = selectCanDraw(s) ? ' (or draw one)' : '';
    return `${manifest.title} has no test images in this app: drop a picture anywhere on the page, or choose one${draw} under “Your image”.`;
  }
  const t = selectTestSetState(s);
  return t?.status === 'error' ? `The test images could not be loaded: ${t.message}` : null;
}

const NONE: readonly BundledDatasetId[] = [];
const fitting = new WeakMap<ModelManifest, readonly BundledDatasetId[]>();

/** the bundled test sets the selected own model could use (same list while nothing changes) */
export function selectFittingTestSets(s: AppData): readonly BundledDatasetId[] {
  const manifest = selectSelectedManifest(s);
  if (!manifest || !isOwnModelManifest(manifest)) return NONE;
  let sets = fitting.get(manifest);
  if (!sets) {
    const found = testSetsFitting(manifest);
    sets = found.length > 0 ? found : NONE;
    fitting.set(manifest, sets);
  }
  return sets;
}

/** the cross-sections map the user's picture alone: the model has no test images */
export const selectCsOnlyOwnPicture = (s: AppData): boolean =>
  selectTestSetId(s) === null && selectActiveOwn(s) !== null;
