/**
 * Issue 7: embeds in a course page. The fixture page (e2e/fixtures/course-page.html) holds two
 * iframes of embed.html on another origin (localhost vs 127.0.0.1) and one
 * <adversarial-explorer> element; they render, answer postMessage, keep their own state and
 * report their results; malicious messages and attributes change nothing and run nothing.
 * The embed's own URL and the share link: embed-url.spec.ts.
 */
import type { Frame, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { saveScreenshot } from './helpers/app';
import { TEST_IDS } from './helpers/testIds';

interface Recorded {
  from: string;
  origin: string;
  data: {
    type?: string;
    id?: unknown;
    message?: string;
    state?: Record<string, unknown>;
    predictions?: {
      eps: number;
      clean: { predictedClass: number; probabilities: number[] };
      adversarial: { predictedClass: number; probabilities: number[] };
    } | null;
    sweep?: { eps: number[]; predictedClass: number[]; numClasses: number };
  };
}

declare global {
  interface Window {
    aeEvents?: Recorded[];
    embedOrigin?: string;
    __aePwned?: unknown;
  }
}

const EMBEDS = ['embed-image', 'embed-sweep', 'element'] as const;
/** a flag that any injected script in these tests would set */
const PWN = 'window.__aePwned=1';

async function openCoursePage(page: Page, baseURL: string | undefined): Promise<string> {
  const url = new URL('fixtures/course-page.html', baseURL);
  url.hostname = 'localhost'; // the embeds then come from 127.0.0.1: another origin
  await page.goto(url.href);
  return url.origin;
}

const recorded = (page: Page) => page.evaluate(() => window.aeEvents ?? []);

/** The newest event of `type` from `from` that satisfies `accept`, waiting for one. */
async function waitForEvent(
  page: Page,
  from: string,
  type: string,
  accept: (e: Recorded) => boolean = () => true,
  timeout = 120_000,
): Promise<Recorded> {
  let found: Recorded | undefined;
  await expect
    .poll(
      async () => {
        const events = await recorded(page);
        found = events.filter((e) => e.from === from && e.data.type === type && accept(e)).pop();
        return found !== undefined;
      },
      { timeout, message: `${type} from ${from}` },
    )
    .toBe(true);
  if (!found) throw new Error('unreachable');
  return found;
}

async function frameOf(page: Page, id: string): Promise<Frame> {
  const frame = await (await page.$(`#${id}`))?.contentFrame();
  if (!frame) throw new Error(`no frame #${id}`);
  return frame;
}

/** Asks an iframe for its results through the message API. */
async function askResults(page: Page, id: string, requestId: string): Promise<Recorded> {
  await page.evaluate(
    ([frameId, rid]) => {
      const frame = document.getElementById(frameId ?? '') as HTMLIFrameElement;
      frame.contentWindow?.postMessage(
        { type: 'ae:get-results', id: rid },
        window.embedOrigin ?? '',
      );
    },
    [id, requestId],
  );
  return waitForEvent(page, id, 'ae:results', (e) => e.data.id === requestId, 30_000);
}

async function postTo(page: Page, id: string, message: unknown): Promise<void> {
  await page.evaluate(
    ([frameId, data]) => {
      const frame = document.getElementById(frameId) as HTMLIFrameElement;
      frame.contentWindow?.postMessage(data, window.embedOrigin ?? '');
    },
    [id, message] as const,
  );
}

function expectArgmax(p: { predictedClass: number; probabilities: number[] }): void {
  const max = Math.max(...p.probabilities);
  expect(p.probabilities[p.predictedClass]).toBe(max);
  expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
}

test.describe('course page', () => {
  test.describe.configure({ timeout: 240_000 });

  test('two iframes and a custom element render, report results and keep their own state', async ({
    page,
    baseURL,
  }) => {
    const pageOrigin = await openCoursePage(page, baseURL);
    for (const id of EMBEDS) await waitForEvent(page, id, 'ae:ready');
    // the element sits below the fold: it waits until it is scrolled into view
    const elementRoot = page.locator('adversarial-explorer').getByTestId('embed-root');
    await expect(elementRoot).toHaveAttribute('data-started', 'false');
    await page.waitForTimeout(1000);
    expect(
      (await recorded(page)).some((e) => e.from === 'element' && e.data.type === 'ae:result'),
    ).toBe(false);
    await page.locator('adversarial-explorer').scrollIntoViewIfNeeded();
    await expect(elementRoot).toHaveAttribute('data-started', 'true');
    // the text a course page puts inside the element is its fallback: gone once it runs
    await expect(page.locator('#element-fallback')).toBeHidden();
    const results = await Promise.all(
      EMBEDS.map((id) => waitForEvent(page, id, 'ae:result', (e) => !!e.data.predictions)),
    );
    const [image, sweep, element] = results.map((r) => r.data);
    // the iframes speak from their own origin, the element from the page's
    const embedOrigin = await page.evaluate(() => window.embedOrigin);
    expect(results[0]?.origin).toBe(embedOrigin);
    expect(embedOrigin).not.toBe(pageOrigin);
    expect(image?.state).toMatchObject({
      model: 'mnist-softmax',
      image: 7,
      eps: 0.25,
      view: 'image',
    });
    expect(sweep?.state).toMatchObject({ image: 42, eps: 0.2, view: 'sweep' });
    expect(element?.state).toMatchObject({ image: 3, eps: 0.1, view: 'image' });
    for (const r of [image, sweep, element]) {
      expectArgmax(r?.predictions?.clean ?? { predictedClass: -1, probabilities: [] });
      expectArgmax(r?.predictions?.adversarial ?? { predictedClass: -1, probabilities: [] });
    }
    // the sweep embed reports its sweep once it is computed (201 points by default)
    const withSweep = await waitForEvent(page, 'embed-sweep', 'ae:result', (e) => !!e.data.sweep);
    expect(withSweep.data.sweep?.eps).toHaveLength(201);

    // each embed shows its one view, the chosen controls and the link to the full explorer
    const imageFrame = page.frameLocator('#embed-image');
    const sweepFrame = page.frameLocator('#embed-sweep');
    await expect(imageFrame.getByTestId('panel-image')).toBeVisible();
    await expect(sweepFrame.getByTestId('panel-sweep')).toBeVisible();
    await expect(sweepFrame.getByTestId('sweep-figure').locator('svg').first()).toBeVisible();
    await expect(imageFrame.getByTestId('embed-eps')).toBeVisible();
    await expect(imageFrame.getByTestId(TEST_IDS.epsSlider)).toBeHidden();
    await expect(imageFrame.getByTestId('embed-attack')).toBeVisible();
    await expect(sweepFrame.getByTestId('embed-attack')).toHaveCount(0);
    await expect(imageFrame.getByTestId(TEST_IDS.attackMode)).toBeHidden();
    const link = imageFrame.getByTestId('embed-full-link');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', /noopener/);
    await expect(link).toHaveAttribute('href', /\/\?v=1&model=mnist-softmax&image=7&eps=0\.25/);
    const elementStatus = page.locator('adversarial-explorer').getByTestId('embed-status');
    await expect(elementStatus).toHaveAttribute('data-clean-class', /^\d+$/);
    // fits a 640x480 iframe: no horizontal scrollbar
    const overflow = await (
      await frameOf(page, 'embed-image')
    ).evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // it lays itself out for its container's width (ResizeObserver), not the page's
    await expect(sweepFrame.getByTestId('embed-root')).toHaveAttribute('data-size', 'wide');
    await page.evaluate(() => document.getElementById('embed-sweep')?.setAttribute('width', '400'));
    await expect(sweepFrame.getByTestId('embed-root')).toHaveAttribute('data-size', 'narrow');
    await page.evaluate(() => document.getElementById('embed-sweep')?.setAttribute('width', '640'));
    await saveScreenshot(page.locator('#embed-image'), 'embed-image');
    await saveScreenshot(page.locator('#embed-sweep'), 'embed-sweep');
    await saveScreenshot(page.locator('adversarial-explorer'), 'embed-element');

    // ae:set-state changes eps in one embed; its result follows; the others keep theirs
    await postTo(page, 'embed-image', { type: 'ae:set-state', state: { eps: 0.05 } });
    const moved = await waitForEvent(
      page,
      'embed-image',
      'ae:result',
      (e) => e.data.predictions?.eps === 0.05,
    );
    expect(moved.data.state?.eps).toBe(0.05);
    expect((await askResults(page, 'embed-image', 'q1')).data.state?.eps).toBe(0.05);
    expect((await askResults(page, 'embed-sweep', 'q2')).data.state?.eps).toBe(0.2);

    // the element: an attribute is state, and its result event follows
    await page.evaluate(() => document.getElementById('element')?.setAttribute('eps', '0.15'));
    await waitForEvent(page, 'element', 'ae:result', (e) => e.data.predictions?.eps === 0.15);
    const elementState = await page.evaluate(
      () =>
        (
          document.querySelector('adversarial-explorer') as unknown as {
            getResults(): { state: Record<string, unknown> } | null;
          } | null
        )?.getResults()?.state,
    );
    expect(elementState).toMatchObject({ eps: 0.15, image: 3 });
    expect((await askResults(page, 'embed-image', 'q3')).data.state?.eps).toBe(0.05);

    // a second element on the page has its own state but shares the first one's worker
    const workersBefore = page.workers().length;
    expect(workersBefore).toBeGreaterThan(0);
    await page.evaluate(() => {
      const el = document.createElement('adversarial-explorer');
      el.setAttribute('model', 'mnist-softmax');
      el.setAttribute('image', '5');
      el.setAttribute('backend', 'wasm');
      el.addEventListener('ae-result', (event) => {
        const detail = (event as CustomEvent<Record<string, unknown>>).detail;
        window.aeEvents?.push({
          from: 'element-2',
          origin: '',
          data: { type: 'ae:result', ...detail },
        });
      });
      document.body.prepend(el);
      el.scrollIntoView(); // it starts only when visible
    });
    const second = await waitForEvent(page, 'element-2', 'ae:result', (e) => !!e.data.predictions);
    expect(second.data.state).toMatchObject({ image: 5, eps: 0.25 });
    expect(page.workers().length).toBe(workersBefore);
    const firstState = await page.evaluate(
      () =>
        (
          document.getElementById('element') as unknown as {
            getResults(): { state: Record<string, unknown> } | null;
          } | null
        )?.getResults()?.state,
    );
    expect(firstState).toMatchObject({ image: 3, eps: 0.15 });
  });

  test('malicious messages and attributes are rejected: nothing runs, state stays sane', async ({
    page,
    baseURL,
  }) => {
    await openCoursePage(page, baseURL);
    await waitForEvent(page, 'embed-image', 'ae:result', (e) => !!e.data.predictions);
    const errorsBefore = (await recorded(page)).filter(
      (e) => e.from === 'embed-image' && e.data.type === 'ae:error',
    ).length;
    const bad: unknown[] = [
      {
        type: 'ae:set-state',
        state: {
          eps: `<script>${PWN}</script>`,
          view: `<img src=x onerror="${PWN}">`,
          image: 1e308,
        },
      },
      { type: 'ae:set-state', state: { model: 'javascript:alert(1)', steps: Number.NaN } },
      { type: 'ae:set-state', state: 'eps=0.4' },
      { type: 'ae:set-state', state: [0.4] },
      { type: 'ae:set-state', state: { eps: 0.4 }, extra: 1 },
      { type: 'ae:set-state', state: { eps: 'x'.repeat(5000) } },
      { type: 'ae:get-results', id: { nested: true } },
      { type: 'ae:eval', code: PWN },
      { type: 42 },
      `<script>${PWN}</script>`,
      null,
    ];
    for (const message of bad) await postTo(page, 'embed-image', message);
    // a prototype-pollution payload, as JSON.parse makes it (an own "__proto__" key)
    await page.evaluate(() => {
      const frame = document.getElementById('embed-image') as HTMLIFrameElement;
      const message: unknown = JSON.parse(
        '{"type":"ae:set-state","state":{"__proto__":{"polluted":1},"constructor":{"x":1},"eps":0.3}}',
      );
      frame.contentWindow?.postMessage(message, window.embedOrigin ?? '');
    });
    await waitForEvent(page, 'embed-image', 'ae:result', (e) => e.data.predictions?.eps === 0.3);
    const errors = (await recorded(page)).filter(
      (e) => e.from === 'embed-image' && e.data.type === 'ae:error',
    );
    // every bad message answered with an error (the first two may share one notice each)
    expect(errors.length - errorsBefore).toBeGreaterThanOrEqual(bad.length);
    const state = (await askResults(page, 'embed-image', 'after')).data.state;
    expect(state).toMatchObject({ model: 'mnist-softmax', image: 7, eps: 0.3, view: 'image' });
    const frame = await frameOf(page, 'embed-image');
    const inFrame = await frame.evaluate(() => ({
      pwned: window.__aePwned,
      polluted: (Object.prototype as Record<string, unknown>).polluted,
      scripts: document.querySelectorAll('script:not([type="module"])').length,
    }));
    expect(inFrame).toEqual({ pwned: undefined, polluted: undefined, scripts: 0 });

    // the element validates its attributes the same way
    await page.evaluate((pwn) => {
      const el = document.getElementById('element');
      el?.setAttribute('eps', '1e999');
      el?.setAttribute('view', `<img src=x onerror="${pwn}">`);
      el?.setAttribute('model', '__proto__');
    }, PWN);
    await waitForEvent(page, 'element', 'ae:error', (e) => /eps/.test(e.data.message ?? ''));
    const elementState = await page.evaluate(
      () =>
        (
          document.querySelector('adversarial-explorer') as unknown as {
            getResults(): { state: Record<string, unknown> } | null;
          } | null
        )?.getResults()?.state,
    );
    expect(elementState).toMatchObject({ model: 'mnist-softmax', eps: 0.1, view: 'image' });
    expect(await page.evaluate(() => window.__aePwned)).toBeUndefined();
  });

  test("the element's fallback text stays when its script cannot load (e.g. no CORS headers)", async ({
    page,
    baseURL,
  }) => {
    await page.route('**/lib/adversarial-explorer.js', (route) => route.abort('accessdenied'));
    await openCoursePage(page, baseURL);
    await page.locator('adversarial-explorer').scrollIntoViewIfNeeded();
    await expect(page.locator('#element-fallback')).toBeVisible();
  });

  test('an embed restricted to other origins ignores this page and never posts to it', async ({
    page,
    baseURL,
  }) => {
    await openCoursePage(page, baseURL);
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.id = 'embed-foreign';
      frame.width = '640';
      frame.height = '480';
      frame.src = `${window.embedOrigin}/embed.html?model=mnist-softmax&image=1&backend=wasm&origins=https://course.example.org`;
      document.body.prepend(frame);
    });
    const frame = await frameOf(page, 'embed-foreign');
    await frame.waitForFunction(() => window.adversarialExplorer?.state?.() !== undefined);
    await postTo(page, 'embed-foreign', { type: 'ae:set-state', state: { eps: 0.05 } });
    await page.waitForTimeout(1500);
    const eps = await frame.evaluate(
      () => (window.adversarialExplorer?.state?.() as { eps: number } | undefined)?.eps,
    );
    expect(eps).toBe(0.25);
    const fromIt = (await recorded(page)).filter((e) => e.from === 'unknown');
    expect(fromIt).toEqual([]);
  });
});
