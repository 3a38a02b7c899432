/**
 * The Training lab's training sets, fetched by the worker itself from the files the data step
 * puts next to the app (public/data/<id>/train-*.gz) when a run first needs them, with the bytes
 * counted as they arrive, then gunzipped and parsed with the shared parsers. Kept once loaded,
 * so the naive and the adversarial run of a comparison read them once.
 */
import type { Dataset } from '../../shared/dataset';
import { DATASET_CATALOG, splitFiles } from '../../shared/datasetCatalog';
import { isGzip } from '../../shared/gzip';
import { parseDataset } from '../../shared/parseDataset';
import type { LabDataset } from '../trainingTypes';
import { EngineError } from '../core/errors';

/** bytes received so far, and in all (0 when the server does not say) */
export type BytesProgress = (loaded: number, total: number) => void;

export type FetchFile = (url: string) => Promise<Response>;

async function readAll(response: Response, onBytes: (n: number) => void): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    onBytes(value.length);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([new Uint8Array(bytes)])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export class TrainingSets {
  private readonly loaded = new Map<LabDataset, Promise<Dataset>>();

  constructor(private readonly fetchFile: FetchFile = (url) => fetch(url)) {}

  /** The training split of `id` from `${baseUrl}data/<id>/` (baseUrl ends in '/'). */
  get(id: LabDataset, baseUrl: string, onBytes?: BytesProgress): Promise<Dataset> {
    let known = this.loaded.get(id);
    if (!known) {
      known = this.load(id, baseUrl, onBytes ?? (() => undefined));
      // a failed load is not kept: the next run tries again
      known.catch(() => this.loaded.delete(id));
      this.loaded.set(id, known);
    }
    return known;
  }

  private async load(id: LabDataset, baseUrl: string, onBytes: BytesProgress): Promise<Dataset> {
    const spec = DATASET_CATALOG[id];
    const files = splitFiles(spec, 'train');
    const responses = await Promise.all(
      files.map(async (f) => {
        const url = `${baseUrl}data/${id}/${f.name}`;
        const response = await this.fetchFile(url);
        if (!response.ok) {
          throw new EngineError(
            'invalid-argument',
            `the ${spec.title} training set is not served (${url}: HTTP ${response.status}); ` +
              'run `npm run data`',
          );
        }
        return response;
      }),
    );
    const total = responses.reduce((s, r) => s + Number(r.headers.get('content-length') ?? 0), 0);
    let loaded = 0;
    const raw = await Promise.all(
      responses.map(async (r) => {
        const bytes = await readAll(r, (n) => {
          loaded += n;
          onBytes(loaded, total);
        });
        // a server may have decoded the gzip already (Content-Encoding): then it is used as is
        return isGzip(bytes) ? gunzip(bytes) : bytes;
      }),
    );
    return parseDataset(
      spec,
      'train',
      new Map(files.map((f, i) => [f.name, raw[i] ?? new Uint8Array()])),
    );
  }
}
