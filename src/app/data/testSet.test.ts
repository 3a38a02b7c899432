import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { syntheticCifarArchive, syntheticIdx } from '../../../scripts/lib/testDataFixtures';
import { startTestServer, type TestServer } from '../../../scripts/lib/testHttpServer';
import { DataLoadError, loadDataIndex, loadTestSet } from './testSet';

const mnist = syntheticIdx();
const cifar = syntheticCifarArchive(3);
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function serveMnist(prefix: string, transform: (gz: Uint8Array) => Uint8Array = (b) => b) {
  for (const [name, gz] of mnist.gz) {
    server.routes.set(`/${prefix}/data/mnist/${name}`, { body: transform(gz) });
  }
}

describe('loadTestSet', () => {
  it('fetches and gunzips the test files relative to the base URL', async () => {
    serveMnist('app');
    const ds = await loadTestSet('mnist', `${server.baseUrl}app/`);
    expect([ds.id, ds.split, ds.count, ds.height, ds.width, ds.channels]).toEqual([
      'mnist',
      'test',
      4,
      28,
      28,
      1,
    ]);
    expect(ds.pixels).toEqual(mnist.splits.test.pixels);
    expect(ds.labels).toEqual(mnist.splits.test.labels);
  });

  it('uses the bytes as they are when the server already decoded the gzip', async () => {
    const { gunzipSync } = await import('node:zlib');
    serveMnist('decoded', (gz) => new Uint8Array(gunzipSync(gz)));
    const ds = await loadTestSet('mnist', `${server.baseUrl}decoded/`);
    expect(ds.pixels).toEqual(mnist.splits.test.pixels);
  });

  it('reads the CIFAR-10 test records as HWC', async () => {
    server.routes.set('/c/data/cifar10/test.bin.gz', { body: gzipSync(cifar.splits.test.records) });
    const ds = await loadTestSet('cifar10', `${server.baseUrl}c/`);
    expect([ds.count, ds.height, ds.width, ds.channels]).toEqual([3, 32, 32, 3]);
    expect(ds.pixels).toEqual(cifar.splits.test.pixels);
  });

  it('reports a missing file with its URL and how to create it', async () => {
    const err = await loadTestSet('fashion-mnist', `${server.baseUrl}none/`).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DataLoadError);
    expect((err as DataLoadError).url).toMatch(/none\/data\/fashion-mnist\/t10k-/);
    expect((err as Error).message).toMatch(/HTTP 404 .*npm run data/);
  });

  it('reports corrupt gzip data and a wrong file', async () => {
    serveMnist('corrupt', (gz) => {
      const bad = new Uint8Array(gz);
      bad.fill(0xee, 20, 60);
      return bad;
    });
    await expect(loadTestSet('mnist', `${server.baseUrl}corrupt/`)).rejects.toThrow(
      /corrupt gzip data/,
    );
    serveMnist('swapped');
    server.routes.set('/swapped/data/mnist/t10k-images-idx3-ubyte.gz', {
      body: mnist.gz.get('t10k-labels-idx1-ubyte.gz')!,
    });
    await expect(loadTestSet('mnist', `${server.baseUrl}swapped/`)).rejects.toThrow(
      /t10k-images-idx3-ubyte.gz: magic 0x00000801, expected 0x00000803/,
    );
  });
});

describe('loadTestSet offline', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  // nothing listens on port 1: the fetch fails as it does offline without a saved copy
  const unreachable = 'http://127.0.0.1:1/';

  it('says CIFAR-10 is saved at its first use online, not by the first visit', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const err = await loadTestSet('cifar10', unreachable).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataLoadError);
    expect((err as Error).message).toMatch(/could not fetch .*cifar10\/test\.bin\.gz/);
    expect((err as Error).message).toContain('the first time it is used while online');
    expect((err as Error).message).not.toContain('let it finish saving');
  });

  it('says a precached set (MNIST) is saved by a first visit online', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const err = await loadTestSet('mnist', unreachable).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/the MNIST test set is not saved for offline use yet/);
    expect((err as Error).message).toContain('let it finish saving');
  });
});

describe('loadDataIndex', () => {
  it('reads and checks public/data/index.json', async () => {
    const index = { version: 1, datasets: [], skipped: [{ id: 'cifar10', reason: 'offline' }] };
    server.routes.set('/i/data/index.json', {
      body: new TextEncoder().encode(JSON.stringify(index)),
    });
    await expect(loadDataIndex(`${server.baseUrl}i/`)).resolves.toEqual(index);
    server.routes.set('/j/data/index.json', { body: new TextEncoder().encode('{"version":2}') });
    await expect(loadDataIndex(`${server.baseUrl}j/`)).rejects.toThrow(/version 2, expected 1/);
  });
});

describe('loadTestSet, the first images first', () => {
  /** 300 MNIST-sized images of noise: a gzip stream of many deflate blocks */
  function noiseSet(count: number) {
    let seed = 7;
    const pixels = new Uint8Array(count * 784).map(() => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed >>> 24;
    });
    const labels = new Uint8Array(count).map((_, i) => i % 10);
    return { pixels, labels };
  }

  it('offers the first images while the rest has not arrived', async () => {
    const { encodeIdxImages, encodeIdxLabels } = await import('../../shared/idx');
    const set = noiseSet(300);
    const images = gzipSync(
      encodeIdxImages({ count: 300, height: 28, width: 28, pixels: set.pixels }),
    );
    server.routes.set('/slow/data/mnist/t10k-labels-idx1-ubyte.gz', {
      body: gzipSync(encodeIdxLabels(set.labels)),
    });
    // half the images' gzip, then nothing more
    const stalled = { body: images, stallAfter: Math.floor(images.length / 2) };
    server.routes.set('/slow/data/mnist/t10k-images-idx3-ubyte.gz', stalled);
    const abort = new AbortController();
    const first = await new Promise<import('../../shared/dataset').Dataset>((resolve, reject) => {
      loadTestSet('mnist', `${server.baseUrl}slow/`, {
        signal: abort.signal,
        firstCount: 20,
        onFirst: resolve,
      }).catch(reject);
    });
    abort.abort();
    expect(first.count).toBeGreaterThanOrEqual(20);
    expect(first.count).toBeLessThan(300);
    expect(first.pixels).toEqual(set.pixels.subarray(0, first.count * 784));
    expect(first.labels).toEqual(set.labels.subarray(0, first.count));
  });

  it('offers them once, then gives the whole set', async () => {
    serveMnist('once');
    const offered: number[] = [];
    const ds = await loadTestSet('mnist', `${server.baseUrl}once/`, {
      onFirst: (first) => offered.push(first.count),
    });
    expect(offered.length).toBe(1);
    expect(ds.count).toBe(4);
  });
});
