/**
 * Issue 19: a new deploy replaces the offline copy without mixing files. The built app (A) is
 * served from a folder that is then switched to a second build (B, VITE_BUILD_LABEL=next, so its
 * main chunk and pages differ). While B's service worker waits, reloads still run A, every file
 * from A's copy; after "Update now" the page runs B, and the cache holds B's files only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startServer } from './server';
import { TEST_IDS } from './helpers/testIds';

test.use({ serviceWorkers: 'allow' });

const REPO = resolve(import.meta.dirname, '..');
const PORT = Number(process.env.E2E_PORT ?? 4188) + 50;

/** The page's build label (undefined while it navigates). */
async function buildOf(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.documentElement.dataset['aeBuild']).catch(() => undefined);
}

/** The precached files, as paths. */

async function precached(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      if (!name.includes('precache')) continue;
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls.map((u) => new URL(u).pathname).sort();
  });
}

async function shown(page: Page): Promise<void> {
  await expect(page.getByTestId(TEST_IDS.predAdversarial)).toHaveAttribute('data-class', /^\d+$/, {
    timeout: 60_000,
  });
}

test('a new deploy waits for "Update now", then replaces the old files everywhere', async ({
  page,
}) => {
  test.setTimeout(420_000);
  const work = mkdtempSync(join(tmpdir(), 'ae-update-'));
  const distB = join(work, 'dist-next');
  execFileSync(
    join(REPO, 'node_modules', '.bin', 'vite'),
    ['build', '--outDir', distB, '--logLevel', 'error'],
    {
      cwd: REPO,
      env: { ...process.env, VITE_BUILD_LABEL: 'next' },
      stdio: 'inherit',
    },
  );
  const site = join(work, 'site');
  symlinkSync(join(REPO, 'dist'), site);
  const server = startServer({ port: PORT, root: site, sharedModels: join(REPO, 'models') });
  const scripts: string[] = [];
  page.context().on('request', (request) => {
    if (request.resourceType() === 'script' || request.url().endsWith('.js')) {
      scripts.push(new URL(request.url()).pathname);
    }
  });
  try {
    const base = `http://127.0.0.1:${PORT}/?backend=wasm`;
    await page.goto(base);
    await shown(page);
    await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 120_000 });
    expect(await buildOf(page)).toBe('local');
    const cacheA = await precached(page);

    // deploy B
    rmSync(site);
    symlinkSync(distB, site);
    scripts.length = 0;
    await page.reload();
    await shown(page);
    expect(await buildOf(page), 'A keeps running until the update').toBe('local');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(page.getByTestId('update-now')).toBeVisible({ timeout: 120_000 });
    // B waits: a reload still runs A, every script one of A's
    scripts.length = 0;
    await page.reload();
    await shown(page);
    expect(await buildOf(page)).toBe('local');
    for (const path of scripts) {
      expect(cacheA, `${path} is one of A's files`).toContain(path);
    }

    scripts.length = 0;
    await page.getByTestId('update-now').click();
    await expect.poll(() => buildOf(page), { timeout: 60_000 }).toBe('next');
    await shown(page);
    const cacheB = await precached(page);
    for (const path of scripts) {
      expect(existsSync(join(distB, path)), `${path} is one of B's files`).toBe(true);
    }
    // nothing of A that B does not also have is left in the cache
    for (const path of cacheB) expect(existsSync(join(distB, path)), path).toBe(true);
    expect(cacheB).not.toEqual(cacheA);
  } finally {
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
});
