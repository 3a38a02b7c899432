/**
 * What to add to a failed download's message when the browser is offline: the file is simply
 * not in the offline copy, which a bare "Failed to fetch" does not say. Most files are saved in
 * the background on a first visit online; the test sets in TEST_SETS_SAVED_AT_FIRST_USE only
 * at their first use online (scripts/lib/offlineCaching.ts builds the service worker's rules
 * from that list).
 */
import type { BundledDatasetId } from './dataset';
import { DATASET_CATALOG } from './datasetCatalog';

/** Test sets not precached at the first visit (CIFAR-10: 29 MB), kept once fetched online. */
export const TEST_SETS_SAVED_AT_FIRST_USE: readonly BundledDatasetId[] = ['cifar10'];

const FIRST_VISIT_ADVICE =
  'open the explorer once while online, and let it finish saving (it says "Saved for offline use").';

export function offlineReason(what: string, online = globalThis.navigator?.onLine): string {
  if (online !== false) return '';
  return ` You are offline, and ${what} is not saved for offline use yet: ${FIRST_VISIT_ADVICE}`;
}

/** offlineReason for a test set, with the advice that saves that set. */
export function testSetOfflineReason(
  id: BundledDatasetId,
  online = globalThis.navigator?.onLine,
): string {
  if (online !== false) return '';
  const title = DATASET_CATALOG[id].title;
  if (!TEST_SETS_SAVED_AT_FIRST_USE.includes(id))
    return offlineReason(`the ${title} test set`, online);
  return ` You are offline, and the ${title} test set is not saved for offline use: unlike the rest of the explorer, it is saved only the first time it is used while online. To have it offline, use a ${title} model once while online.`;
}
