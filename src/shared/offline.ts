/**
 * What to add to a failed download's message when the browser is offline: the file is simply
 * not in the offline copy (made in the background on a first visit online; the CIFAR-10 test
 * set joins it at its first use), which a bare "Failed to fetch" does not say.
 */
export function offlineReason(what: string, online = globalThis.navigator?.onLine): string {
  if (online !== false) return '';
  return ` You are offline, and ${what} is not saved for offline use yet: open the explorer once while online, and let it finish saving (it says "Saved for offline use").`;
}
