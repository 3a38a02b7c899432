/**
 * Where the page keeps the engine's measured backend choice (localStorage), so the next start
 * skips the probes (worker/backendMemory.ts decides whether the record still holds). Records
 * older than a month are dropped: a browser update that keeps the user agent is rare, but a
 * driver update is not, and one probe a month is cheap.
 */
import type { BackendInfo, RememberedBackend } from '../api';

export interface BackendMemory {
  load(): RememberedBackend | undefined;
  /** keeps a choice the engine measured; other choices (override, fallback) are not kept */
  save(info: BackendInfo): void;
}

export const BACKEND_MEMORY_KEY = 'adversarial-explorer:backend-choice';
export const BACKEND_MEMORY_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

interface StoredChoice extends RememberedBackend {
  version: 1;
  savedAt: number;
}

/** localStorage, or null where the page may not use it (sandboxed frames, blocked storage). */
function pageStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function backendMemory(
  storage: Pick<Storage, 'getItem' | 'setItem'> | null = pageStorage(),
  now: () => number = Date.now,
): BackendMemory {
  return {
    load() {
      try {
        const raw = storage?.getItem(BACKEND_MEMORY_KEY);
        if (!raw) return undefined;
        const stored = JSON.parse(raw) as Partial<StoredChoice>;
        const age = now() - (stored.savedAt ?? -Infinity);
        if (stored.version !== 1 || !(age >= 0 && age < BACKEND_MEMORY_MAX_AGE_MS))
          return undefined;
        if (typeof stored.machine !== 'string' || typeof stored.active !== 'string')
          return undefined;
        return { machine: stored.machine, active: stored.active };
      } catch {
        return undefined;
      }
    },
    save(info) {
      if (info.chosenBy !== 'measured' || info.machine === undefined) return;
      const stored: StoredChoice = {
        version: 1,
        machine: info.machine,
        active: info.active,
        savedAt: now(),
      };
      try {
        storage?.setItem(BACKEND_MEMORY_KEY, JSON.stringify(stored));
      } catch {
        // full or blocked storage: the next start probes again
      }
    },
  };
}
