/**
 * Loads a bundled test set in the browser (main thread, no tfjs) from the files the data step
 * put in public/data/: fetch, gunzip with DecompressionStream, parse with the shared parsers.
 */
import type { BundledDatasetId, Dataset } from '../../shared/dataset';
import { DATASET_CATALOG, splitFiles } from '../../shared/datasetCatalog';
import { isGzip } from '../../shared/gzip';
import { parseDataset } from '../../shared/parseDataset';
import { offlineReason } from '../../shared/offline';
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

async function fetchBytes(url: string, options: LoadOptions): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal: options.signal });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    const offline = offlineReason('this test set');
    throw new DataLoadError(
      url,
      `could not fetch ${url}: ${(err as Error).message}.${offline}`,
      err,
    );
  }
  if (!response.ok) {
    const hint = response.status === 404 ? ' (run `npm run data` to create public/data/)' : '';
    throw new DataLoadError(url, `${url}: HTTP ${response.status} ${response.statusText}${hint}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

async function gunzip(bytes: Uint8Array, url: string): Promise<Uint8Array> {
  const copy = new Uint8Array(bytes); // a plain ArrayBuffer-backed view, as Blob wants
  try {
    const stream = new Blob([copy]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (err) {
    throw new DataLoadError(url, `${url}: corrupt gzip data (${(err as Error).message})`, err);
  }
}

/** The gunzipped file: a server may already have decoded it (no gzip magic): then it is used as is. */
async function fetchFile(url: string, options: LoadOptions): Promise<Uint8Array> {
  const bytes = await fetchBytes(url, options);
  return isGzip(bytes) ? gunzip(bytes, url) : bytes;
}

/** The test split of a bundled dataset, from `${baseUrl}data/<id>/...` (baseUrl ends in '/'). */
export async function loadTestSet(
  id: BundledDatasetId,
  baseUrl: string,
  options: LoadOptions = {},
): Promise<Dataset> {
  const spec = DATASET_CATALOG[id];
  const files = splitFiles(spec, 'test');
  const urls = files.map((f) => `${baseUrl}data/${id}/${f.name}`);
  const raw = await Promise.all(urls.map((url) => fetchFile(url, options)));
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
  const bytes = await fetchBytes(url, options);
  try {
    return parsePublicDataIndex(JSON.parse(new TextDecoder().decode(bytes)));
  } catch (err) {
    throw new DataLoadError(url, `${url}: ${(err as Error).message}`, err);
  }
}
