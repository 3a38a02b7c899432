import { EngineCallError } from '../engine/clientApi';

/** A superseded latest-wins call or an aborted one: expected, never shown. */
export function isCancelled(e: unknown): boolean {
  return e instanceof EngineCallError
    ? e.code === 'cancelled'
    : typeof e === 'object' && e !== null && 'code' in e && e.code === 'cancelled';
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : 'unknown error';
}
