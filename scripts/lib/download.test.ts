import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadError } from './dataErrors';
import { downloadFile } from './download';
import { md5, sha256 } from './testDataFixtures';
import { startTestServer, type TestServer } from './testHttpServer';

let server: TestServer;
let dir: string;
const body = new Uint8Array(300_000).map((_, i) => (i * 31) & 0xff);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'download-test-'));
  server = await startTestServer(
    new Map([
      ['/file.bin', { body }],
      ['/stall.bin', { body, stallAfter: 1000 }],
    ]),
  );
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('downloadFile', () => {
  it('writes the bytes and returns their SHA-256, MD5 and length', async () => {
    const dest = join(dir, 'a');
    const digest = await downloadFile(`${server.baseUrl}file.bin`, dest);
    expect(digest).toEqual({ sha256: sha256(body), md5: md5(body), bytes: body.length });
    expect(new Uint8Array(readFileSync(dest))).toEqual(body);
  });

  it('turns a 404 into a DownloadError with the status, leaving no file', async () => {
    const dest = join(dir, 'b');
    const err = await downloadFile(`${server.baseUrl}nope.bin`, dest).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as DownloadError).status).toBe(404);
    expect((err as Error).message).toMatch(
      /HTTP 404 Not Found for http:\/\/127\.0\.0\.1:\d+\/nope\.bin/,
    );
    expect(existsSync(dest)).toBe(false);
  });

  it('gives up on a stalled transfer and removes the partial file', async () => {
    const dest = join(dir, 'c');
    const err = await downloadFile(`${server.baseUrl}stall.bin`, dest, {
      idleTimeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as Error).message).toMatch(/no data for 300 ms/);
    expect(existsSync(dest)).toBe(false);
  });

  it('reports a refused connection', async () => {
    const closed = await startTestServer();
    const url = `${closed.baseUrl}x`;
    await closed.close();
    await expect(downloadFile(url, join(dir, 'd'))).rejects.toThrow(/connection to .* refused/);
  });
});
