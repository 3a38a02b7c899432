/**
 * Errors after which an engine cannot be trusted again: tfjs-backend-wasm's heap overrun or
 * exhausted (a WebAssembly.RuntimeError: "memory access out of bounds", "unreachable"), an
 * allocation the browser refused, a GPU out of memory. Later calls on that engine fail in
 * confusing ways (issue 13: "its layers cannot be built" for a built-in model), so the client
 * restarts the worker instead. No tfjs, no DOM: the worker and the client both use it.
 */
const BREAKING_MESSAGES =
  /memory access out of bounds|out of memory|unreachable|array buffer allocation failed|could not allocate|aborted\(/i;

/** The cause to report when `thrown` leaves the engine broken, else null. */
export function breakingCause(thrown: unknown): string | null {
  if (typeof thrown !== 'object' || thrown === null) return null;
  const { name, message } = thrown as { name?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  const wasmTrap = typeof WebAssembly !== 'undefined' && thrown instanceof WebAssembly.RuntimeError;
  if (wasmTrap || name === 'RuntimeError' || BREAKING_MESSAGES.test(text)) {
    return text || String(name);
  }
  return null;
}

/** The message of the 'engine-failed' error the failing call gets. */
export function engineFailedMessage(cause: string): string {
  return (
    `the engine failed inside its backend (${cause}), most likely out of memory; ` +
    'it was restarted with the loaded models. Try a smaller map or fewer images, or another backend'
  );
}
