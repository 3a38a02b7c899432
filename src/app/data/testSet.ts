/**
 * Loads a bundled test set in the browser (main thread, no tfjs) from the files the data step
 * put in public/data/: fetch, gunzip with DecompressionStream as the bytes arrive, parse with the
 * shared parsers. The first images are offered as soon as they are in (onFirst).
 */
import type { BundledDatasetId, Dataset } from '../../shared/dataset';
import { DATASET_CATALOG, splitFiles } from '../../shared/datasetCatalog';
import { isGzip } from '../../shared/gzip';
import { datasetPrefix } from '../../shared/datasetPrefix';
import { parseDataset } from '../../shared/parseDataset';
import { offlineReason, testSetOfflineReason } from '../../shared/offline';
import { parsePublicDataIndex, type PublicDataIndex } from '../../shared/publicDataIndex';

/** A test set that could not be fetched or read; `url` is the file at fault. */
export class DataLoadError extends Error {
  override readonly name = 'DataLoadError';
  constructor(
    readonly url: string,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

export interface LoadOptions {
  signal?: AbortSignal;
}

/** `offline`: what a failed fetch's message adds when the browser is offline */
async function fetchResponse(
  url: string,
  options: LoadOptions,
  offline: () => string,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { signal: options.signal });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new DataLoadError(
      url,
      `could not fetch ${url}: ${(err as Error).message}.${offline()}`,
      err,
    );
  }
  if (!response.ok) {
    const hint = response.status === 404 ? ' (run `npm run data` to create public/data/)' : '';
    throw new DataLoadError(url, `${url}: HTTP ${response.status} ${response.statusText}${hint}`);
  }
  return response;
}

async function fetchBytes(
  url: string,
  options: LoadOptions,
  offline: () => string,
): Promise<Uint8Array> {
  return new Uint8Array(await (await fetchResponse(url, options, offline)).arrayBuffer());
}

/** Bytes appended in chunks, in one buffer that doubles as it fills (a view of it is cheap). */
class GrowingBytes {
  private buffer = new Uint8Array(1 << 16);
  length = 0;

  append(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.buffer.length) {
      const bigger = new Uint8Array(Math.max(2 * this.buffer.length, this.length + chunk.length));
      bigger.set(this.buffer.subarray(0, this.length));
      this.buffer = bigger;
    }
    this.buffer.set(chunk, this.length);
    this.length += chunk.length;
  }

  /** the bytes so far (a view: valid until the next append) */
  view(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/** The raw body's chunks, gunzipped on the way when they start like gzip. */
async function* bodyChunks(response: Response, url: string): AsyncGenerator<Uint8Array> {
  const raw = response.body;
  if (!raw) return;
  const reader = raw.getReader();
  // enough of the start to tell gzip (3 bytes), whatever the network's chunks
  const head = new GrowingBytes();
  while (head.length < 3) {
    const next = await reader.read();
    if (next.done) break;
    head.append(next.value);
  }
  if (head.length === 0) return;
  const start = head.view().slice();
  const rest = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(start),
    pull: async (controller) => {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  // a server may already have decoded it (no gzip magic): then it is used as is
  const gzip = isGzip(start);
  // (TypeScript's lib types its writable side as BufferSource, a Uint8Array is one)
  const gunzip = new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>;
  const stream = gzip ? rest.pipeThrough(gunzip) : rest;
  const chunks = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await chunks.read();
      if (done) return;
      yield value;
    }
  } catch (err) {
    if (!gzip) throw err;
    throw new DataLoadError(url, `${url}: corrupt gzip data (${(err as Error).message})`, err);
  }
}

/** The gunzipped file, `onBytes` told of what has arrived after every chunk. */
async function streamFile(
  url: string,
  options: LoadOptions,
  offline: () => string,
  onBytes: (soFar: Uint8Array) => void,
): Promise<Uint8Array> {
  const response = await fetchResponse(url, options, offline);
  const bytes = new GrowingBytes();
  for await (const chunk of bodyChunks(response, url)) {
    bytes.append(chunk);
    onBytes(bytes.view());
  }
  return bytes.view().slice();
}

export interface TestSetLoadOptions extends LoadOptions {
  /**
   * told once, as soon as the files that have arrived hold the first `firstCount` images whole:
   * a Dataset of those (the app shows and attacks its image before the rest is in)
   */
  onFirst?: (first: Dataset) => void;
  /** how many images `onFirst` waits for (default 1) */
  firstCount?: number;
}

/** The test split of a bundled dataset, from `${baseUrl}data/<id>/...` (baseUrl ends in '/'). */
export async function loadTestSet(
  id: BundledDatasetId,
  baseUrl: string,
  options: TestSetLoadOptions = {},
): Promise<Dataset> {
  const spec = DATASET_CATALOG[id];
  const files = splitFiles(spec, 'test');
  const urls = files.map((f) => `${baseUrl}data/${id}/${f.name}`);
  const prefixes = new Map<string, Uint8Array>();
  const offline = () => testSetOfflineReason(id);
  let firstGiven = options.onFirst === undefined;
  const offerFirst = (): void => {
    if (firstGiven) return;
    const first = datasetPrefix(spec, 'test', prefixes, options.firstCount ?? 1);
    if (first === null) return;
    firstGiven = true;
    options.onFirst?.(first);
  };
  const raw = await Promise.all(
    files.map((f, i) =>
      streamFile(urls[i] as string, options, offline, (soFar) => {
        prefixes.set(f.name, soFar);
        offerFirst();
      }),
    ),
  );
  try {
    return parseDataset(
      spec,
      'test',
      new Map(files.map((f, i) => [f.name, raw[i] ?? new Uint8Array()])),
    );
  } catch (err) {
    throw new DataLoadError(urls.join(', '), (err as Error).message, err);
  }
}

/** public/data/index.json: which test sets are there. */
export async function loadDataIndex(
  baseUrl: string,
  options: LoadOptions = {},
): Promise<PublicDataIndex> {
  const url = `${baseUrl}data/index.json`;
  const bytes = await fetchBytes(url, options, () => offlineReason('the list of test sets'));
  try {
    return parsePublicDataIndex(JSON.parse(new TextDecoder().decode(bytes)));
  } catch (err) {
    throw new DataLoadError(url, `${url}: ${(err as Error).message}`, err);
  }
}
