/**
 * What the engine worker and its client agree on besides the EngineApi itself: how errors cross
 * the comlink boundary, and the one-way events the worker posts on its own (device loss).
 * No tfjs, no DOM: both sides import it.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import type { EngineErrorCode, EngineErrorData } from './api';
import { breakingCause, engineFailedMessage } from './breakage';
import { EngineCallError } from './clientApi';

const ERROR_CODES: ReadonlySet<EngineErrorCode> = new Set<EngineErrorCode>([
  'invalid-argument',
  'model-not-loaded',
  'model-load-failed',
  'backend-unavailable',
  'cancelled',
  'engine-failed',
  'internal',
]);

export function isEngineErrorCode(value: unknown): value is EngineErrorCode {
  return typeof value === 'string' && ERROR_CODES.has(value as EngineErrorCode);
}

/** Reduces anything thrown to {code, message}: a known code is kept, everything else is 'internal'. */
export function engineErrorDataOf(thrown: unknown): EngineErrorData {
  const broke = breakingCause(thrown);
  if (broke !== null && !isEngineErrorCode((thrown as { code?: unknown }).code)) {
    return { code: 'engine-failed', message: engineFailedMessage(broke) };
  }
  if (typeof thrown === 'object' && thrown !== null) {
    const { code, message } = thrown as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' && message !== '' ? message : String(thrown);
    return isEngineErrorCode(code) ? { code, message: text } : { code: 'internal', message: text };
  }
  return { code: 'internal', message: String(thrown) };
}

/** What the 'throw' handler puts on the wire. */
interface WireError {
  engineError: EngineErrorData;
}

let installed = false;

/**
 * Replaces comlink's 'throw' handler (which keeps only message/name/stack) with one that carries
 * the engine error code, so the main thread rejects with an EngineCallError of the same code.
 * Call it once on each side of the boundary; repeated calls are harmless.
 */
export function installEngineErrorTransfer(): void {
  if (installed) return;
  const builtIn = transferHandlers.get('throw');
  if (!builtIn) throw new Error("comlink has no 'throw' transfer handler to replace");
  const handler: TransferHandler<{ value: unknown }, WireError> = {
    // comlink marks thrown values with a private symbol; its own check knows it
    canHandle: (value): value is { value: unknown } => builtIn.canHandle(value),
    serialize: ({ value }) => [{ engineError: engineErrorDataOf(value) }, []],
    deserialize: (wire) => {
      const { code, message } = engineErrorDataOf(wire.engineError);
      throw new EngineCallError(code, message);
    },
  };
  transferHandlers.set('throw', handler as TransferHandler<unknown, unknown>);
  installed = true;
}

/**
 * Events the worker posts outside comlink's request/response traffic (comlink ignores them):
 * its WebGPU device is gone; an answer to a heartbeat ping; the start of work that may keep it
 * from answering pings. `busyMs` is the work it has started and not finished, as its estimated
 * longest synchronous stretch (ms): the client allows that much silence, times a margin.
 */
export type WorkerEvent =
  | { type: 'engine-device-lost'; message: string }
  | { type: 'engine-pong'; seq: number; busyMs: number }
  | { type: 'engine-busy'; busyMs: number };

/** The client's heartbeat, answered by the worker with 'engine-pong' whenever it is free. */
export interface HeartbeatPing {
  type: 'engine-ping';
  seq: number;
}

/**
 * A client's goodbye to a shared engine (worker/sharedEntry.ts) before it closes its port: the
 * engine stops that client's long calls and lets its models go. A page cannot end a shared
 * worker, and a closed port says nothing to the other side.
 */
export interface DisconnectMessage {
  type: 'engine-disconnect';
}

export function isDisconnectMessage(data: unknown): data is DisconnectMessage {
  return isRecord(data) && data['type'] === 'engine-disconnect';
}

function isRecord(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null;
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

export function isWorkerEvent(data: unknown): data is WorkerEvent {
  if (!isRecord(data)) return false;
  switch (data['type']) {
    case 'engine-device-lost':
      return typeof data['message'] === 'string';
    case 'engine-pong':
      return isCount(data['seq']) && isCount(data['busyMs']);
    case 'engine-busy':
      return isCount(data['busyMs']);
    default:
      return false;
  }
}

export function isHeartbeatPing(data: unknown): data is HeartbeatPing {
  return isRecord(data) && data['type'] === 'engine-ping' && isCount(data['seq']);
}
