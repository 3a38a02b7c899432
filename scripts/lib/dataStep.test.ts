import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FASHION_MNIST } from '../../src/shared/datasetCatalog';
import { parsePublicDataIndex } from '../../src/shared/publicDataIndex';
import { ChecksumError, DataSourceError } from './dataErrors';
import { missingDatasets, runDataStep, type DataStepOptions } from './dataStep';
import { ensureData } from './ensureData';
import { loadDataset } from './loadDataset';
import { catalogWith, sha256, syntheticCifarArchive, syntheticIdx } from './testDataFixtures';
import { startTestServer, type TestServer } from './testHttpServer';

const mnist = syntheticIdx();
const fashion = syntheticIdx(FASHION_MNIST, { train: 3, test: 2 }, 9);
const cifar = syntheticCifarArchive(2);
const catalog = catalogWith(mnist.spec, fashion.spec, cifar.spec);

let server: TestServer;
let tmp: string;
let opts: DataStepOptions;
const logs: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'data-step-'));
  // root/../shared/data/<id> is the default local copy; tests create it when they want one
  const root = join(tmp, 'repo');
  mkdirSync(root);
  server.routes.clear();
  server.requests.length = 0;
  logs.length = 0;
  opts = {
    root,
    outDir: join(root, 'data'),
    publicDir: join(root, 'public', 'data'),
    catalog,
    env: {},
    download: { idleTimeoutMs: 5000 },
    log: (l) => logs.push(l),
  };
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function serve(prefix: string, files: Map<string, Uint8Array>) {
  for (const [name, body] of files) server.routes.set(`/${prefix}/${name}`, { body });
}

function flip(bytes: Uint8Array, at: number, mask: number) {
  bytes[at] = (bytes[at] ?? 0) ^ mask;
}

function readIndex() {
  return parsePublicDataIndex(
    JSON.parse(readFileSync(join(opts.publicDir!, 'index.json'), 'utf8')),
  );
}

/** No temporary or rejected files left in data/<id>/. */
function dataFiles(id: string): string[] {
  const dir = join(opts.outDir!, id);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('data step, IDX datasets', () => {
  it('downloads a good copy, verifies it, lays it out, and is a no-op the second time', async () => {
    serve('mnist', mnist.gz);
    opts.env = { MNIST_MIRROR: `${server.baseUrl}mnist` };
    const step = await runDataStep({ ...opts, only: ['mnist'] });
    expect(step.failed).toEqual([]);
    expect(step.results[0]?.result.changed).toBe(true);
    expect(dataFiles('mnist')).toEqual([...mnist.gz.keys(), 'manifest.json'].sort());
    for (const [name, gz] of mnist.gz) {
      expect(sha256(readFileSync(join(opts.outDir!, 'mnist', name)))).toBe(sha256(gz));
    }
    // the test files go next to the app, and the training files for the Training lab
    expect(readdirSync(join(opts.publicDir!, 'mnist')).sort()).toEqual([
      't10k-images-idx3-ubyte.gz',
      't10k-labels-idx1-ubyte.gz',
      'train-images-idx3-ubyte.gz',
      'train-labels-idx1-ubyte.gz',
    ]);
    const entry = readIndex().datasets.find((d) => d.id === 'mnist');
    expect(entry?.count).toBe(4);
    expect(entry?.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(entry?.files.map((f) => f.path)).toEqual([
      'mnist/t10k-images-idx3-ubyte.gz',
      'mnist/t10k-labels-idx1-ubyte.gz',
    ]);
    expect(entry?.training?.files.map((f) => f.path)).toEqual([
      'mnist/train-images-idx3-ubyte.gz',
      'mnist/train-labels-idx1-ubyte.gz',
    ]);
    expect(missingDatasets({ ...opts, only: ['mnist'] })).toEqual([]);

    const requests = server.requests.length;
    const again = await runDataStep({ ...opts, only: ['mnist'] });
    expect(again.results[0]?.result.changed).toBe(false);
    expect(server.requests.length).toBe(requests);

    const test = await loadDataset('mnist', 'test', opts);
    expect(test.count).toBe(4);
    expect(test.pixels).toEqual(mnist.splits.test.pixels);
    expect(test.labels).toEqual(mnist.splits.test.labels);
    const train = await loadDataset('mnist', 'train', opts);
    expect(train.pixels).toEqual(mnist.splits.train.pixels);
  });

  it('rejects a corrupted copy, naming the file and both sums, and keeps nothing', async () => {
    const bad = new Map(mnist.gz);
    const images = new Uint8Array(bad.get('t10k-images-idx3-ubyte.gz')!);
    flip(images, images.length - 20, 0x01);
    bad.set('t10k-images-idx3-ubyte.gz', images);
    serve('mnist', bad);
    opts.env = { MNIST_MIRROR: `${server.baseUrl}mnist` };
    const step = await runDataStep({ ...opts, only: ['mnist'] });
    const error = step.failed[0]?.error;
    expect(error).toBeInstanceOf(DataSourceError);
    expect(error?.message).toContain('checksum mismatch for t10k-images-idx3-ubyte.gz');
    expect(error?.message).toContain(sha256(images));
    expect(error?.message).toContain(sha256(mnist.gz.get('t10k-images-idx3-ubyte.gz')!));
    expect(error?.message).toContain('not kept');
    expect(dataFiles('mnist')).toEqual([]);
    expect(readIndex().datasets).toEqual([]);
    expect(readIndex().skipped.map((s) => s.id)).toEqual(['mnist']);
  });

  it('tries the next mirror after a 404, and reports 404s when all fail', async () => {
    serve('good', mnist.gz);
    opts.env = { MNIST_MIRROR: `${server.baseUrl}gone/,${server.baseUrl}good/` };
    const step = await runDataStep({ ...opts, only: ['mnist'] });
    expect(step.failed).toEqual([]);
    expect(server.requests.slice(0, 2)).toEqual([
      '/gone/train-images-idx3-ubyte.gz',
      '/good/train-images-idx3-ubyte.gz',
    ]);

    opts.env = { MNIST_MIRROR: `${server.baseUrl}gone/` };
    const failed = await runDataStep({ ...opts, only: ['mnist'], force: true });
    expect(failed.failed[0]?.error.message).toMatch(/HTTP 404 Not Found for .*gone\/train-images/);
    // --force failed: the earlier good copy stays in place
    expect(missingDatasets({ ...opts, only: ['mnist'] })).toEqual([]);
  });

  it('uses $MNIST_DIR, then ../shared/data/mnist next to the repo, without the network', async () => {
    const shared = join(opts.root!, '..', 'shared', 'data', 'mnist');
    mkdirSync(shared, { recursive: true });
    for (const [name, gz] of mnist.gz) writeFileSync(join(shared, name), gz);
    opts.env = { DATA_OFFLINE: '1', MNIST_DIR: join(tmp, 'not-there') };
    const step = await runDataStep({ ...opts, only: ['mnist'] });
    expect(step.failed).toEqual([]);
    expect(step.results[0]?.result.manifest.source).toBe(shared);
    expect(logs.join('\n')).toMatch(/not-there not found/);
    expect(server.requests).toEqual([]);

    // a corrupted local copy is passed over for the download
    const images = new Uint8Array(mnist.gz.get('train-labels-idx1-ubyte.gz')!);
    flip(images, 12, 0xff);
    writeFileSync(join(shared, 'train-labels-idx1-ubyte.gz'), images);
    serve('mnist', mnist.gz);
    opts.env = { MNIST_MIRROR: `${server.baseUrl}mnist` };
    const step2 = await runDataStep({ ...opts, only: ['mnist'], force: true });
    expect(step2.results[0]?.result.manifest.source).toBe(`${server.baseUrl}mnist/`);
    expect(logs.join('\n')).toMatch(/checksum mismatch for train-labels-idx1-ubyte.gz/);
  });

  it('says clearly when there is no source and no network', async () => {
    opts.env = { DATA_OFFLINE: '1' };
    const step = await runDataStep({ ...opts, only: ['mnist'] });
    expect(step.failed[0]?.error.message).toMatch(
      /could not get mnist from any source:\n {2}- no source configured \(downloads are off\)/,
    );
    await expect(loadDataset('mnist', 'test', opts)).rejects.toThrow(/could not get mnist/);
  });
});

describe('data step, CIFAR-10 archive', () => {
  it('downloads the original archive, verifies it and builds train/test records', async () => {
    server.routes.set('/cifar-10-binary.tar.gz', { body: cifar.archive });
    opts.env = { CIFAR10_URL: `${server.baseUrl}cifar-10-binary.tar.gz` };
    const step = await runDataStep({ ...opts, only: ['cifar10'] });
    expect(step.failed).toEqual([]);
    expect(dataFiles('cifar10')).toEqual(['manifest.json', 'test.bin.gz', 'train.bin.gz']);
    const records = gunzipSync(readFileSync(join(opts.outDir!, 'cifar10', 'train.bin.gz')));
    expect(new Uint8Array(records)).toEqual(cifar.splits.train.records);
    const manifest = step.results[0]?.result.manifest;
    expect(manifest?.files.map((f) => f.variant)).toEqual(['original', 'original']);
    expect(readIndex().datasets[0]).toMatchObject({ id: 'cifar10', variant: 'original', count: 2 });
    // the lab does not train on CIFAR-10: its training records stay out of the app
    expect(readdirSync(join(opts.publicDir!, 'cifar10'))).toEqual(['test.bin.gz']);
    expect(readIndex().datasets[0]?.training).toBeUndefined();

    const train = await loadDataset('cifar10', 'train', opts);
    expect([train.count, train.height, train.width, train.channels]).toEqual([10, 32, 32, 3]);
    expect(train.pixels).toEqual(cifar.splits.train.pixels);
    expect(train.labels).toEqual(cifar.splits.train.labels);
  });

  it('rejects a corrupted archive and keeps nothing', async () => {
    const bad = new Uint8Array(cifar.archive);
    flip(bad, 100, 0x10);
    server.routes.set('/a.tar.gz', { body: bad });
    opts.env = { CIFAR10_URL: `${server.baseUrl}a.tar.gz` };
    const step = await runDataStep({ ...opts, only: ['cifar10'] });
    expect(step.failed[0]?.error.message).toContain(
      `checksum mismatch for cifar-10-binary.tar.gz from ${server.baseUrl}a.tar.gz: SHA-256 is ${sha256(bad)}`,
    );
    expect(dataFiles('cifar10')).toEqual([]);
  });

  it('takes the archive from $CIFAR10_DIR too', async () => {
    const dir = join(tmp, 'cifar');
    mkdirSync(dir);
    writeFileSync(join(dir, 'cifar-10-binary.tar.gz'), cifar.archive);
    opts.env = { CIFAR10_DIR: dir, DATA_OFFLINE: '1' };
    const step = await runDataStep({ ...opts, only: ['cifar10'] });
    expect(step.failed).toEqual([]);
    expect(existsSync(join(dir, 'cifar-10-binary.tar.gz'))).toBe(true);
    const test = await loadDataset('cifar10', 'test', opts);
    expect(test.labels).toEqual(cifar.splits.test.labels);
  });

  it('checks the checksum error type', () => {
    const e = new ChecksumError('f', 'src', 'aa', ['bb'], 'MD5');
    expect(e.message).toBe(
      'checksum mismatch for f from src: MD5 is aa, expected bb. The file was not kept.',
    );
  });
});

describe('ensureData', () => {
  it('skips CIFAR-10 when it cannot be had, fails when MNIST cannot, and then does nothing', async () => {
    serve('mnist', mnist.gz);
    serve('fashion', fashion.gz);
    opts.env = {
      MNIST_MIRROR: `${server.baseUrl}mnist`,
      FASHION_MNIST_MIRROR: `${server.baseUrl}fashion`,
      CIFAR10_URL: `${server.baseUrl}missing.tar.gz`,
    };
    const first = await ensureData(opts);
    expect(first.requiredFailed).toEqual([]);
    expect(first.optionalSkipped).toEqual(['cifar10']);
    const index = readIndex();
    expect(index.datasets.map((d) => d.id)).toEqual(['mnist', 'fashion-mnist']);
    expect(index.skipped[0]?.reason).toMatch(/HTTP 404/);
    expect(index.datasets[1]?.classNames[9]).toBe('Ankle boot');

    server.routes.set('/missing.tar.gz', { body: cifar.archive });
    const second = await ensureData(opts);
    expect(second.step?.results.map((r) => r.id)).toEqual(['cifar10']);
    expect(readIndex().skipped).toEqual([]);
    const third = await ensureData(opts);
    expect(third.step).toBeUndefined();

    rmSync(join(opts.publicDir!, 'mnist', 't10k-labels-idx1-ubyte.gz'));
    server.routes.clear();
    const fourth = await ensureData(opts);
    // the files in data/mnist are still good: only the public copy is put back
    expect(fourth.requiredFailed).toEqual([]);
    expect(fourth.step?.results[0]?.result.changed).toBe(true);
  });

  it('fails when MNIST cannot be had', async () => {
    opts.env = { DATA_OFFLINE: '1' };
    const result = await ensureData({ ...opts, catalog: catalogWith(mnist.spec) });
    expect(result.requiredFailed).toContain('mnist');
  });
});
