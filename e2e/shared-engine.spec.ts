/**
 * Issue 19: the iframes of a course page from the explorer's origin share one engine (a
 * SharedWorker): one engine start, one model load. Each keeps its own state, and what one of
 * them does through the shared engine (letting its model go, loading other files under its
 * name, cancelling, restarting) cannot break another's. Where the browser gives the iframes no
 * SharedWorker (none at all, or third-party storage blocked, as in Playwright's default
 * Chromium) each runs an engine of its own, with no failed start on the way. The fixture's
 * custom element runs on the course page's own origin, so it keeps its own engine.
 *
 * Chrome partitions a cross-site iframe's storage by the page's site since version 115; the
 * shared-engine tests launch Chromium that way (browserPath.ts, withStoragePartitioning).
 */
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Frame,
  type Page,
} from '@playwright/test';
import type { BackendInfo, Prediction } from '../src/engine/api';
import type { EngineStatus } from '../src/engine/clientApi';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import { CHROMIUM_ARGS, chromiumExecutablePath, withStoragePartitioning } from './browserPath';
import { expect, test } from './fixtures';
import { startServer } from './server';

const REPO = resolve(import.meta.dirname, '..');
/** a server of this spec's own, which counts what it serves (update.spec.ts takes +50) */
const PORT = Number(process.env.E2E_PORT ?? 4188) + 51;
const BASE_URL = `http://127.0.0.1:${PORT}/`;
let server: Server;
/** the paths this spec's server was asked for, in order */
const served: string[] = [];

let partitioned: Browser;

test.beforeAll(async () => {
  server = startServer({
    port: PORT,
    root: join(REPO, 'dist'),
    sharedModels: join(REPO, 'models'),
  });
  server.on('request', (request: { url?: string }) => served.push(request.url ?? ''));
  const executablePath = chromiumExecutablePath();
  const options = await withStoragePartitioning(chromium, {
    ...(executablePath ? { executablePath } : {}),
    args: [...CHROMIUM_ARGS],
  });
  partitioned = await chromium.launch(options);
});

test.afterAll(async () => {
  await partitioned?.close();
  server?.close();
});

async function newContext(browser: Browser): Promise<BrowserContext> {
  // as playwright.config.ts: no service worker beside the test
  return browser.newContext({ serviceWorkers: 'block', viewport: { width: 1400, height: 1800 } });
}

/** How often a path matching `pattern` was served since `from` (an index into `served`). */
const servedCount = (pattern: RegExp, from: number): number =>
  served.slice(from).filter((path) => pattern.test(path)).length;

/** Opens the course page on localhost (the embeds come from 127.0.0.1: another site). */
async function openCoursePage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  const url = new URL('fixtures/course-page.html', BASE_URL);
  url.hostname = 'localhost';
  await page.goto(url.href);
  return page;
}

async function frameOf(page: Page, id: string): Promise<Frame> {
  const frame = await (await page.$(`#${id}`))?.contentFrame();
  if (!frame) throw new Error(`no frame #${id}`);
  return frame;
}

/** The image and the sweep iframes. */
async function embedsOf(page: Page): Promise<[Frame, Frame]> {
  return Promise.all([frameOf(page, 'embed-image'), frameOf(page, 'embed-sweep')]);
}

async function engineOf(frame: Frame): Promise<BackendInfo> {
  const handle = await frame.waitForFunction(
    () => window.adversarialExplorer?.client.backendInfo() ?? null,
    undefined,
    { timeout: 120_000, polling: 250 },
  );
  return (await handle.jsonValue()) as BackendInfo;
}

/** The embed's adversarial prediction once it has one for `eps`: its class and confidence. */
async function resultAt(frame: Frame, eps: number): Promise<[number, number]> {
  const handle = await frame.waitForFunction(
    (want) => {
      const state = window.adversarialExplorer?.state?.() as
        { attackOutcome: { eps: number; result: { attacked: Prediction } } | null } | undefined;
      const outcome = state?.attackOutcome;
      if (!outcome || Math.abs(outcome.eps - want) > 1e-9) return null;
      const { predictedClass, confidence } = outcome.result.attacked;
      return [predictedClass, confidence];
    },
    eps,
    { timeout: 120_000, polling: 250 },
  );
  return (await handle.jsonValue()) as [number, number];
}

/** Every engine status an embed's client reports from now on (read with statusesOf). */
async function recordStatuses(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { aeStatuses: string[] }).aeStatuses = seen;
    const client = window.adversarialExplorer?.client;
    if (client?.backendInfo()) seen.push('ready');
    client?.onStatus((s: EngineStatus) => seen.push(s.kind));
  });
}

const statusesOf = (frame: Frame): Promise<string[]> =>
  frame.evaluate(() => (window as unknown as { aeStatuses: string[] }).aeStatuses);

/** Sends `state` to an embed as its host page does. */
async function setState(page: Page, id: string, state: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    ([frameId, wanted]) => {
      const frame = document.getElementById(frameId) as HTMLIFrameElement;
      frame.contentWindow?.postMessage(
        { type: 'ae:set-state', state: wanted },
        (window as { embedOrigin?: string }).embedOrigin ?? '',
      );
    },
    [id, state] as const,
  );
}

test.describe('one engine per course page', () => {
  test.setTimeout(240_000);

  test('the iframes share one engine, load the model once and keep their own state', async () => {
    const context = await newContext(partitioned);
    const from = served.length;
    const page = await openCoursePage(context);
    const [image, sweep] = await embedsOf(page);
    const [a, b] = await Promise.all([engineOf(image), engineOf(sweep)]);
    expect(a.sharedEngine, 'the image embed runs on a shared engine').toEqual(expect.any(String));
    expect(b.sharedEngine, 'both iframes on the same engine').toBe(a.sharedEngine);
    const [before] = await Promise.all([resultAt(image, 0.25), resultAt(sweep, 0.2)]);
    // one engine script for both iframes and one for the custom element (the page's own
    // origin, so its own engine); the model's files once for each engine
    await page.locator('adversarial-explorer').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const events = (window as { aeEvents?: { from: string; data: { type: string } }[] }).aeEvents;
      return (events ?? []).some((e) => e.from === 'element' && e.data.type === 'ae:result');
    });
    expect(servedCount(/\/assets\/sharedEntry-[^/]*\.js$/, from)).toBe(1);
    expect(servedCount(/\/assets\/entry-[^/]*\.js$/, from)).toBe(1);
    expect(servedCount(/\/mnist-softmax\/model\.json$/, from)).toBe(2);

    // one embed's state moves; the other's stays where it was
    await setState(page, 'embed-sweep', { eps: 0.05 });
    await resultAt(sweep, 0.05);
    await setState(page, 'embed-image', { eps: 0.1 });
    await resultAt(image, 0.1);
    await setState(page, 'embed-image', { eps: 0.25 });
    expect(await resultAt(image, 0.25)).toEqual(before);
    const sweepEps = await sweep.evaluate(
      () => (window.adversarialExplorer?.state?.() as { eps: number } | undefined)?.eps,
    );
    expect(sweepEps).toBe(0.05);
    await context.close();
  });

  test('a hostile embed on the shared engine cannot reach the others’ models, calls or state', async () => {
    const context = await newContext(partitioned);
    const page = await openCoursePage(context);
    const [image, sweep] = await embedsOf(page);
    await Promise.all([resultAt(image, 0.25), resultAt(sweep, 0.2)]);
    await recordStatuses(sweep);
    // a third iframe of the explorer joins the same engine; whoever drives it tries its worst
    // through the engine: lets the others' model go, loads other files under its name,
    // cancels every request id, restarts
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.id = 'hostile';
      frame.src = `${(window as { embedOrigin?: string }).embedOrigin}/embed.html?model=mnist-softmax&image=1&backend=wasm`;
      document.body.append(frame);
    });
    const hostile = await frameOf(page, 'hostile');
    expect((await engineOf(hostile)).sharedEngine).toBe((await engineOf(image)).sharedEngine);
    // its model list is in (the engine may be ready first)
    await hostile.waitForFunction(() =>
      window.adversarialExplorer?.models?.().some((m) => m.id === 'mnist-softmax'),
    );
    const refused = await hostile.evaluate(async () => {
      const client = window.adversarialExplorer?.client as unknown as {
        unloadModel(id: string): Promise<void>;
        loadModel(manifest: unknown, baseUrl: string): Promise<unknown>;
        restart(reason: string): Promise<unknown>;
      };
      const softmax = window.adversarialExplorer?.models?.().find((m) => m.id === 'mnist-softmax');
      await client.unloadModel('mnist-softmax');
      await client.unloadModel('mnist-softmax');
      let message = '';
      try {
        await client.loadModel({ ...softmax, url: 'mnist-maxout/model.json' }, 'models/');
      } catch (e) {
        message = (e as Error).message;
      }
      return message;
    });
    expect(refused).toMatch(/in use by another explorer/);
    // the others go on computing, on the shared engine, with the same numbers
    await setState(page, 'embed-sweep', { eps: 0.05 });
    await resultAt(sweep, 0.05);
    await setState(page, 'embed-image', { eps: 0.1 });
    await resultAt(image, 0.1);
    await hostile.evaluate(async () => {
      const client = window.adversarialExplorer?.client as unknown as {
        restart(reason: string): Promise<unknown>;
      };
      await client.restart('hostile');
    });
    await setState(page, 'embed-sweep', { eps: 0.15 });
    await resultAt(sweep, 0.15);
    expect(await statusesOf(sweep)).toEqual(['ready']);
    // and a frame of another origin that the embeds do not list is refused by them
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.sandbox.add('allow-scripts'); // an opaque origin, not the page's
      frame.srcdoc = `<script>parent.frames[0].postMessage({type:'ae:set-state',state:{eps:0.3}},'*')</script>`;
      document.body.append(frame);
    });
    await page.waitForTimeout(1000);
    const eps = await image.evaluate(
      () => (window.adversarialExplorer?.state?.() as { eps: number } | undefined)?.eps,
    );
    expect(eps).toBe(0.1);
    await context.close();
  });

  test('without a SharedWorker each iframe starts an engine of its own', async () => {
    const context = await newContext(partitioned);
    const from = served.length;
    await context.addInitScript(() => {
      delete (window as { SharedWorker?: unknown }).SharedWorker;
    });
    const page = await openCoursePage(context);
    const [image, sweep] = await embedsOf(page);
    const infos = await Promise.all([engineOf(image), engineOf(sweep)]);
    expect(infos.map((i) => i.sharedEngine)).toEqual([undefined, undefined]);
    await Promise.all([resultAt(image, 0.25), resultAt(sweep, 0.2)]);
    expect(servedCount(/\/assets\/sharedEntry-[^/]*\.js$/, from)).toBe(0);
    expect(servedCount(/\/assets\/entry-[^/]*\.js$/, from)).toBeGreaterThanOrEqual(2);
    await context.close();
  });
});

test('where third-party storage is blocked the iframes start engines of their own at once', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // Playwright's default Chromium: no partitioning, so no storage and no SharedWorker in the
  // course page's cross-site iframes (the shared engine's first version looped on that)
  const context = await newContext(browser);
  await context.addInitScript(() => {
    if (typeof SharedWorker === 'undefined') return;
    const Original = SharedWorker;
    // the test knows when one was asked for
    window.SharedWorker = function (...args: ConstructorParameters<typeof SharedWorker>) {
      (window as unknown as { aeSharedAsked: boolean }).aeSharedAsked = true;
      return new Original(...args);
    } as unknown as typeof SharedWorker;
  });
  const page = await openCoursePage(context);
  const [image, sweep] = await embedsOf(page);
  await Promise.all([recordStatuses(image), recordStatuses(sweep)]);
  const infos = await Promise.all([engineOf(image), engineOf(sweep)]);
  expect(infos.map((i) => i.sharedEngine)).toEqual([undefined, undefined]);
  await Promise.all([resultAt(image, 0.25), resultAt(sweep, 0.2)]);
  for (const frame of [image, sweep]) {
    expect(await statusesOf(frame)).not.toContain('restarting');
    expect(await frame.evaluate(() => 'aeSharedAsked' in window)).toBe(false);
  }
  await context.close();
});
