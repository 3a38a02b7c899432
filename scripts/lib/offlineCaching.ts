/**
 * What the service worker keeps for offline use (issue 19; vite.config.ts hands these to
 * Workbox): every page, script, style, wasm binary, model and test set the build holds is
 * precached at the first visit; data fetched only on demand is kept at its first use instead.
 * That is the CIFAR-10 test set (29 MB, more than half of the rest; the app's offline messages
 * read the same list, TEST_SETS_SAVED_AT_FIRST_USE) and the Training lab's
 * training sets (public/data/<id>/train-*: MNIST 9.9 MB, Fashion-MNIST 26 MB, which also broke
 * the build over Workbox's file-size limit), fetched by the engine worker when a run needs one.
 */
import { TEST_SETS_SAVED_AT_FIRST_USE } from '../../src/shared/offline';

export const PRECACHE_GLOBS = ['**/*.{html,js,css,wasm,json,bin,gz,png,jpg,svg,webmanifest}'];

export const PRECACHE_IGNORES = [
  '**/*.map',
  ...TEST_SETS_SAVED_AT_FIRST_USE.map((id) => `data/${id}/**`),
  'data/*/train-*',
];

export const RUNTIME_CACHES = [
  ...TEST_SETS_SAVED_AT_FIRST_USE.map((id) => ({
    urlPattern: new RegExp(`/data/${id}/`),
    handler: 'CacheFirst' as const,
    options: { cacheName: `adversarial-explorer-${id}` },
  })),
  {
    urlPattern: /\/data\/[^/]+\/train-[^/]+$/,
    handler: 'CacheFirst' as const,
    options: { cacheName: 'adversarial-explorer-training-sets' },
  },
];
