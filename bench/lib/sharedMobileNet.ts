/**
 * The third-party MobileNet v1 0.25 in ../shared/models/mobilenet (never committed) as the
 * benchmarks load it: an own-model manifest under a made-up base URL, and a fetch that serves
 * that URL from the folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ModelManifest } from '../../src/models/manifest';

export const MOBILENET_DIR = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'models',
  'mobilenet',
);
export const MOBILENET_BASE = 'http://bench.local/mobilenet/';

export const MOBILENET_MANIFEST: ModelManifest = {
  id: 'own-mobilenet',
  title: 'MobileNet v1 0.25',
  dataset: 'custom',
  classNames: [],
  inputShape: [224, 224, 3],
  modelInputShape: [224, 224, 3],
  preprocessing: { recipe: 'photo', colour: 'rgb', range: '-1-1' },
  output: 'logits',
  format: 'layers',
  url: `${MOBILENET_BASE}model.json`,
  architecture: 'MobileNet v1 0.25',
};

/** Serves MOBILENET_BASE from `dir`; anything else, or a missing file, is a 404. */
export function mobileNetFetch(dir = MOBILENET_DIR) {
  return (url: string): Promise<Response> => {
    const path = resolve(dir, url.slice(MOBILENET_BASE.length));
    return Promise.resolve(
      url.startsWith(MOBILENET_BASE) && existsSync(path)
        ? new Response(readFileSync(path))
        : new Response('not found', { status: 404 }),
    );
  };
}
