/**
 * Fetching a user's model files with messages a user can act on: unreachable, refused or
 * CORS-blocked hosts, HTTP errors, files over a size limit (Content-Length first, then counted
 * while reading). Used by the own-model dialog (model.json) and the worker (all files).
 */
import { formatBytes, OWN_MODEL_MAX_JSON_BYTES, OwnModelError } from './ownModelJson';

export type OwnFetch = (url: string) => Promise<Response>;

export function displayUrl(url: string): string {
  return url.startsWith('blob:') ? 'the dropped file' : url;
}

export async function get(url: string, what: string, fetchImpl: OwnFetch): Promise<Response> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new OwnModelError(
      `could not connect to ${displayUrl(url)} for ${what} (${why}): nothing answers there, the ` +
        'connection was refused, or the server does not allow cross-origin requests (CORS). ' +
        'Check the address and that the server is running.',
    );
  }
  if (!response.ok) {
    const hint =
      response.status === 404
        ? 'nothing is there: check the address (it must end in model.json) and that the file was uploaded'
        : 'the server refused it';
    throw new OwnModelError(`HTTP ${response.status} for ${what} at ${displayUrl(url)}: ${hint}.`);
  }
  return response;
}

/** Reads a body, refusing as soon as it passes `max` bytes (Content-Length first, when sent). */
export async function readCapped(
  response: Response,
  max: number,
  tooBig: (n: number) => string,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw new OwnModelError(tooBig(declared));
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new OwnModelError(tooBig(total));
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}


/** model.json's text, refused above OWN_MODEL_MAX_JSON_BYTES. */
export async function fetchModelJsonText(url: string, fetchImpl: OwnFetch): Promise<string> {
  const response = await get(url, 'model.json', fetchImpl);
  const bytes = await readCapped(
    response,
    OWN_MODEL_MAX_JSON_BYTES,
    (n) =>
      `model.json is ${formatBytes(n)}, more than ${formatBytes(OWN_MODEL_MAX_JSON_BYTES)}: it is not a TF.js model.json`,
  );
  return new TextDecoder().decode(bytes);
}
