import type { EngineErrorCode, EngineErrorData } from '../api';
import { breakingCause, engineFailedMessage } from '../breakage';

const CODES: readonly EngineErrorCode[] = [
  'invalid-argument',
  'model-not-loaded',
  'model-load-failed',
  'backend-unavailable',
  'cancelled',
  'engine-failed',
  'internal',
];

/** The one error type engine code throws; `code` survives the trip to the main thread. */
export class EngineError extends Error {
  readonly code: EngineErrorCode;

  constructor(code: EngineErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineError';
    this.code = code;
  }

  static fromData(data: EngineErrorData): EngineError {
    return new EngineError(data.code, data.message);
  }
}

export function isEngineErrorCode(value: unknown): value is EngineErrorCode {
  return typeof value === 'string' && (CODES as readonly string[]).includes(value);
}

/** Plain, structured-cloneable form of any thrown value; unknown failures become 'internal'. */
export function toEngineErrorData(e: unknown): EngineErrorData {
  if (e instanceof EngineError) return { code: e.code, message: e.message };
  const broke = breakingCause(e);
  if (broke !== null) return { code: 'engine-failed', message: engineFailedMessage(broke) };
  if (typeof e === 'object' && e !== null) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (isEngineErrorCode(code) && typeof message === 'string') return { code, message };
    if (typeof message === 'string') return { code: 'internal', message };
  }
  return { code: 'internal', message: String(e) };
}
