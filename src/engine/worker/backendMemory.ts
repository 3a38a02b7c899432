/**
 * Remembering a measured backend choice: probing every backend costs a second or more at each
 * start (five on a busy 2-core machine), and its answer only changes with the browser or the
 * GPU. The choice is kept with the browser's user agent and what detection saw of each GPU
 * backend (adapter or reason); when any of these differs, the engine probes again. Pure: the
 * page stores the record (bridge/backendMemoryStore.ts), the worker decides with these.
 */
import type { BackendCandidate, BackendName, RememberedBackend } from '../api';
import { BACKEND_NAMES } from '../api';

/** One string for this browser and its adapters, as detection saw them (no timings). */
export function machineKey(userAgent: string, candidates: readonly BackendCandidate[]): string {
  const parts = candidates
    .filter((c) => c.name === 'webgpu' || c.name === 'webgl')
    .map(
      (c) =>
        `${c.name}: ${c.available ? (c.adapter ?? 'available') : `unusable (${c.reason ?? '?'})`}`,
    );
  return [userAgent, ...parts].join('\n');
}

function isRemembered(value: unknown): value is RememberedBackend {
  if (typeof value !== 'object' || value === null) return false;
  const { machine, active } = value as Record<string, unknown>;
  return typeof machine === 'string' && BACKEND_NAMES.includes(active as BackendName);
}

/**
 * The remembered backend to start without probing, or null: none, made on another browser or
 * adapter, or no longer an available candidate here.
 */
export function rememberedChoice(
  remembered: unknown,
  machine: string,
  candidates: readonly BackendCandidate[],
): BackendName | null {
  if (!isRemembered(remembered) || remembered.machine !== machine) return null;
  const candidate = candidates.find((c) => c.name === remembered.active);
  return candidate?.available === true ? candidate.name : null;
}

/** The note on the candidates a remembered choice leaves untimed. */
export const REMEMBERED_NOTE =
  'not timed: the choice measured earlier on this browser and adapter was kept';

/**
 * The backend to start while the GPUs are still being detected (a first WebGPU adapter took
 * ~0.5 s on the 2-core machine): the one remembered for this browser, whatever its adapters turn
 * out to be, else wasm, the choice wherever no GPU is worth timing. A guess: detection still
 * decides, and a wrong guess only costs the work done beside it.
 */
export function likelyStart(remembered: unknown, userAgent: string): BackendName {
  if (isRemembered(remembered) && remembered.machine.split('\n')[0] === userAgent) {
    return remembered.active;
  }
  return 'wasm';
}
