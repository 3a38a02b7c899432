/**
 * What the engine worker and its client agree on besides the EngineApi itself: how errors cross
 * the comlink boundary, and the one-way events the worker posts on its own (device loss).
 * No tfjs, no DOM: both sides import it.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import type { EngineErrorCode, EngineErrorData } from './api';
import { EngineCallError } from './clientApi';

const ERROR_CODES: ReadonlySet<EngineErrorCode> = new Set<EngineErrorCode>([
  'invalid-argument',
  'model-not-loaded',
  'model-load-failed',
  'backend-unavailable',
  'cancelled',
  'internal',
]);

export function isEngineErrorCode(value: unknown): value is EngineErrorCode {
  return typeof value === 'string' && ERROR_CODES.has(value as EngineErrorCode);
}

/** Reduces anything thrown to {code, message}: a known code is kept, everything else is 'internal'. */
export function engineErrorDataOf(thrown: unknown): EngineErrorData {
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

/** Events the worker posts outside comlink's request/response traffic (comlink ignores them). */
export type WorkerEvent = { type: 'engine-device-lost'; message: string };

export function isWorkerEvent(data: unknown): data is WorkerEvent {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === 'engine-device-lost' &&
    typeof (data as { message?: unknown }).message === 'string'
  );
}
