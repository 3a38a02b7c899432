/**
 * Downloads one URL to a file while hashing it. Nothing half-written is left behind: on any
 * failure the file is removed. A transfer that stalls for `idleTimeoutMs` is aborted.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { DownloadError } from './dataErrors';
import type { FileDigest } from './fileHash';

export interface DownloadOptions {
  /** abort when no bytes arrive for this long (default 60 s) */
  idleTimeoutMs?: number;
  /** called now and then with bytes received and the announced total (0 if unknown) */
  onProgress?: (received: number, total: number) => void;
}

function describeFailure(url: string, err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const host = new URL(url).host;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `cannot resolve ${host} (${code}): no network?`;
  }
  if (code === 'ECONNREFUSED') return `connection to ${host} refused`;
  const msg = err instanceof Error ? err.message : String(err);
  return `download of ${url} failed: ${cause ? `${msg} (${cause.message})` : msg}`;
}

export async function downloadFile(
  url: string,
  dest: string,
  options: DownloadOptions = {},
): Promise<FileDigest> {
  const idleMs = options.idleTimeoutMs ?? 60_000;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`no data for ${idleMs} ms`)), idleMs);
  };
  arm();
  try {
    let response: Response;
    try {
      // identity: we hash the bytes as published, so no transparent decoding of .gz files
      response = await fetch(url, {
        signal: controller.signal,
        redirect: 'follow',
        headers: { 'accept-encoding': 'identity' },
      });
    } catch (err) {
      throw new DownloadError(url, describeFailure(url, err), undefined, err);
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new DownloadError(
        url,
        `HTTP ${response.status} ${response.statusText} for ${url}`,
        response.status,
      );
    }
    const total = Number(response.headers.get('content-length') ?? 0);
    const sha256 = createHash('sha256');
    const md5 = createHash('md5');
    let bytes = 0;
    let reported = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        arm();
        sha256.update(chunk);
        md5.update(chunk);
        bytes += chunk.length;
        if (options.onProgress && bytes - reported >= 1 << 22) {
          reported = bytes;
          options.onProgress(bytes, total);
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(
        Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
        tap,
        createWriteStream(dest),
      );
    } catch (err) {
      throw new DownloadError(url, describeFailure(url, err), undefined, err);
    }
    if (total > 0 && bytes !== total) {
      throw new DownloadError(url, `${url}: got ${bytes} of ${total} bytes (cut off)`);
    }
    options.onProgress?.(bytes, total);
    return { sha256: sha256.digest('hex'), md5: md5.digest('hex'), bytes };
  } catch (err) {
    await rm(dest, { force: true });
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
