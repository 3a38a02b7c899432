/**
 * The offline rules against Workbox's own glob matching: the Training lab's training sets are
 * never precached (Fashion-MNIST's 26 MB broke `vite build` over the size limit, and MNIST's
 * 9.9 MB would download at every first visit), but kept once a run fetched them.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getManifest } from 'workbox-build';
import { describe, expect, it } from 'vitest';
import { PRECACHE_GLOBS, PRECACHE_IGNORES, RUNTIME_CACHES } from './offlineCaching';

const FILES = [
  'index.html',
  'assets/entry-abc.js',
  'assets/entry-abc.js.map',
  'models/mnist-maxout/weights.bin',
  'data/index.json',
  'data/mnist/t10k-images-idx3-ubyte.gz',
  'data/mnist/train-images-idx3-ubyte.gz',
  'data/mnist/train-labels-idx1-ubyte.gz',
  'data/fashion-mnist/train-images-idx3-ubyte.gz',
  'data/cifar10/test_batch.bin',
];

describe('offline caching', () => {
  it('precaches the app, models and test sets, not maps, CIFAR-10 or the training sets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'precache-'));
    try {
      for (const file of FILES) {
        await mkdir(dirname(join(dir, file)), { recursive: true });
        await writeFile(join(dir, file), file);
      }
      const { manifestEntries } = await getManifest({
        globDirectory: dir,
        globPatterns: PRECACHE_GLOBS,
        globIgnores: PRECACHE_IGNORES,
      });
      expect((manifestEntries ?? []).map((e) => e.url).sort()).toEqual([
        'assets/entry-abc.js',
        'data/index.json',
        'data/mnist/t10k-images-idx3-ubyte.gz',
        'index.html',
        'models/mnist-maxout/weights.bin',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps a training set and the CIFAR-10 test set at their first use', () => {
    const cacheOf = (url: string) =>
      RUNTIME_CACHES.find((c) => c.urlPattern.test(url))?.options.cacheName ?? null;
    const app = 'https://example.org/explorer/data/';
    expect(cacheOf(`${app}mnist/train-images-idx3-ubyte.gz`)).toBe(
      'adversarial-explorer-training-sets',
    );
    expect(cacheOf(`${app}fashion-mnist/train-labels-idx1-ubyte.gz`)).toBe(
      'adversarial-explorer-training-sets',
    );
    expect(cacheOf(`${app}cifar10/test_batch.bin`)).toBe('adversarial-explorer-cifar10');
    // precached already
    expect(cacheOf(`${app}mnist/t10k-images-idx3-ubyte.gz`)).toBeNull();
  });
});
