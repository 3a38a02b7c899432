/**
 * Issue 13: embeds stay in their box. The test page (e2e/fixtures/embed-sizes.html) holds one
 * iframe of embed.html and one <adversarial-explorer>; each view of both must fit the host's box
 * at common sizes, scrolling inside itself where its content is taller, never spilling onto the
 * page. Errors show as one dismissable line that the next error replaces, and reach the host
 * as ae:error; refused messages name their real reason.
 */
import type { FrameLocator, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

interface Logged {
  from: 'frame' | 'element';
  data: { type?: string; message?: string };
}

declare global {
  interface Window {
    aeLog?: Logged[];
  }
}

/** the custom element's method the tests call (its class lives in the app bundle) */
interface ElementApi {
  setState(state: object): void;
}

const SIZES = [
  { width: '640px', height: '480px' },
  { width: '800px', height: '600px' },
  { width: '100%', height: '480px' },
  { width: '360px', height: '480px' },
] as const;
const VIEWS = ['image', 'sweep', 'cross-section', 'weights', 'experiments'] as const;
type View = (typeof VIEWS)[number];

async function openSizesPage(page: Page): Promise<{ frame: FrameLocator; element: Locator }> {
  await page.goto('fixtures/embed-sizes.html');
  const frame = page.frameLocator('#frame');
  const element = page.locator('#element');
  await element.scrollIntoViewIfNeeded(); // it starts computing once it is on screen
  for (const scope of [frame, element]) {
    await expect(scope.getByTestId('embed-status')).toHaveAttribute('data-clean-class', /^\d+$/, {
      timeout: 120_000,
    });
  }
  return { frame, element };
}

const errorsFrom = (page: Page, from: Logged['from']) =>
  page.evaluate(
    (from) => (window.aeLog ?? []).filter((e) => e.from === from && e.data.type === 'ae:error'),
    from,
  );

async function setView(page: Page, view: View): Promise<void> {
  await page.evaluate((view) => {
    const frame = document.getElementById('frame') as HTMLIFrameElement;
    frame.contentWindow?.postMessage({ type: 'ae:set-state', state: { view } }, location.origin);
    (document.getElementById('element') as unknown as ElementApi).setState({ view });
  }, view);
}

/** Waits until the view has drawn what it computes, so its full height is laid out. */
async function waitForView(scope: FrameLocator | Locator, view: View): Promise<void> {
  await expect(scope.getByTestId(`panel-${view}`)).toBeVisible();
  if (view === 'sweep') {
    await expect(scope.getByTestId('sweep-figure').locator('svg').first()).toBeVisible();
    await expect(scope.getByTestId('sweep-loading')).toHaveCount(0);
  } else if (view === 'cross-section') {
    await expect(scope.getByTestId('xsec-figure').locator('canvas').first()).toBeVisible();
    await expect(scope.getByTestId('xsec-figure')).toHaveAttribute('aria-busy', 'false');
  } else if (view === 'weights') {
    await expect(scope.getByTestId('weights-figure').locator('canvas').first()).toBeVisible();
    await expect(scope.getByTestId('weights-figure')).toHaveAttribute('aria-busy', 'false');
  } else if (view === 'experiments') {
    await expect(scope.getByTestId('experiments-view')).toBeVisible();
  }
}

/**
 * Runs in the host page (for the element, by its selector) or in the iframe (hostSelector null:
 * the frame's viewport is the box). Lists what lies outside the box, and content taller or wider
 * than its container that could not be scrolled to.
 */
function layoutProblems(hostSelector: string | null): string[] {
  const host = hostSelector ? document.querySelector(hostSelector) : null;
  const scope: ParentNode = host?.shadowRoot ?? document;
  const root = scope.querySelector<HTMLElement>('[data-testid="embed-root"]');
  const view = scope.querySelector<HTMLElement>('[data-testid="embed-view-area"]');
  if (!root) return ['no embed root'];
  const doc = document.documentElement;
  const box = host
    ? host.getBoundingClientRect()
    : new DOMRect(0, 0, doc.clientWidth, doc.clientHeight);
  const fmt = (r: DOMRect) =>
    `${Math.round(r.width)}x${Math.round(r.height)}@${Math.round(r.left - box.left)},${Math.round(r.top - box.top)}`;
  const problems: string[] = [];
  const parts: [string, HTMLElement | null][] = [
    ['root', root],
    ['view', view],
  ];
  for (const [name, el] of parts) {
    if (!el) {
      problems.push(`no ${name}`);
      continue;
    }
    const r = el.getBoundingClientRect();
    if (
      r.left < box.left - 1 ||
      r.top < box.top - 1 ||
      r.right > box.right + 1 ||
      r.bottom > box.bottom + 1
    ) {
      problems.push(`${name} ${fmt(r)} outside the ${fmt(box)} box`);
    }
    // what does not fit must scroll inside, neither spill out nor be cut off
    const style = getComputedStyle(el);
    if (el.scrollHeight > el.clientHeight + 1 && !/auto|scroll/.test(style.overflowY))
      problems.push(`${name}: ${el.scrollHeight}px of content in ${el.clientHeight}px, no scroll`);
    if (el.scrollWidth > el.clientWidth + 1 && !/auto|scroll/.test(style.overflowX))
      problems.push(`${name}: ${el.scrollWidth}px wide content in ${el.clientWidth}px, no scroll`);
  }
  if (!host && (doc.scrollHeight > doc.clientHeight + 1 || doc.scrollWidth > doc.clientWidth + 1))
    problems.push(
      `the page scrolls: ${doc.scrollWidth}x${doc.scrollHeight} in ${doc.clientWidth}x${doc.clientHeight}`,
    );
  return problems;
}

/** Measures until two measurements agree (resizing lays out over a few frames). */
async function settledProblems(page: Page): Promise<string[]> {
  const frame = page.frame({ url: /embed\.html/ });
  if (!frame) throw new Error('no embed frame');
  const measure = async () => [
    ...(await frame.evaluate(layoutProblems, null)).map((p) => `iframe: ${p}`),
    ...(await page.evaluate(layoutProblems, '#element')).map((p) => `element: ${p}`),
  ];
  let last = await measure();
  for (let i = 0; i < 10; i++) {
    await frame.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    const next = await measure();
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    last = next;
  }
  return last;
}

test.describe('embeds stay in their box', () => {
  test.describe.configure({ timeout: 240_000 });

  test('every view fits 640x480, 800x600, 100%x480 and a 360px column, iframe and element', async ({
    page,
  }) => {
    await openSizesPage(page);
    const frame = page.frameLocator('#frame');
    const element = page.locator('#element');
    const problems: string[] = [];
    for (const view of VIEWS) {
      await setView(page, view);
      await waitForView(frame, view);
      await waitForView(element, view);
      for (const { width, height } of SIZES) {
        await page.evaluate(
          (size) => {
            for (const id of ['frame', 'element']) {
              const host = document.getElementById(id);
              host?.style.setProperty('width', size.width);
              host?.style.setProperty('height', size.height);
            }
          },
          { width, height },
        );
        for (const p of await settledProblems(page))
          problems.push(`${view} ${width}x${height} ${p}`);
      }
    }
    expect(problems).toEqual([]);
    // the page's text below each embed starts below its box
    const gaps = await page.evaluate(() =>
      ['frame', 'element'].map((id) => {
        const host = document.getElementById(id)?.getBoundingClientRect();
        const after = document.getElementById(`after-${id}`)?.getBoundingClientRect();
        return (after?.top ?? 0) - (host?.bottom ?? Infinity);
      }),
    );
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(0);
  });

  test('repeated errors leave one dismissable line and reach the host as ae:error', async ({
    page,
  }) => {
    const { frame, element } = await openSizesPage(page);
    const viewTop = (scope: FrameLocator | Locator) =>
      scope
        .getByTestId('embed-view-area')
        .evaluate(
          (el) => el.getBoundingClientRect().top - el.parentElement!.getBoundingClientRect().top,
        );
    const frameTop = await viewTop(frame);
    const elementTop = await viewTop(element);

    // 10,000 bad messages of three kinds: ignored fields, unknown types, extra keys
    const count = 10_000;
    await page.evaluate((count) => {
      const target = (document.getElementById('frame') as HTMLIFrameElement).contentWindow;
      for (let i = 0; i < count; i++) {
        const message =
          i % 3 === 0
            ? { type: 'ae:set-state', state: { eps: `bad ${i}` } }
            : i % 3 === 1
              ? { type: `ae:nothing-${i}` }
              : { type: 'ae:set-state', state: { eps: 0.1 }, extra: i };
        target?.postMessage(message, location.origin);
      }
      // a BigInt survives structured cloning: the refusal must say what is wrong with it
      target?.postMessage({ type: 'ae:set-state', state: { eps: 10n } }, location.origin);
    }, count);
    await expect
      .poll(async () => (await errorsFrom(page, 'frame')).length, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(count + 1);
    const lastFrameError = (await errorsFrom(page, 'frame')).pop()?.data.message ?? '';

    // the element: its setState is checked the same way, and a cycle says so
    await page.evaluate(() => {
      const el = document.getElementById('element') as unknown as ElementApi;
      for (let i = 0; i < 1000; i++) el.setState({ eps: `bad ${i}` });
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      el.setState(cyclic);
    });
    const lastElementError = (await errorsFrom(page, 'element')).pop()?.data.message ?? '';

    // soft: one run shows every way it goes wrong
    for (const [scope, top, last] of [
      [frame, frameTop, /BigInt/],
      [element, elementTop, /cycle/],
    ] as const) {
      // one line, the newest error, and the figure moved down by at most that line
      const messages = scope.getByTestId('error-message');
      await expect.soft(messages).toHaveCount(1, { timeout: 5000 });
      await expect.soft(messages.last()).toHaveText(last, { timeout: 5000 });
      const banner = scope.getByTestId('error-banner');
      const line = await banner.boundingBox();
      expect.soft(line?.height ?? Infinity, 'one line').toBeLessThanOrEqual(40);
      expect
        .soft(await viewTop(scope), 'the view moved down')
        .toBeLessThanOrEqual(top + (line?.height ?? 0) + 8);
      await scope.getByTestId('error-dismiss').first().click();
      await expect.soft(banner).toHaveCount(0, { timeout: 5000 });
    }
    // the refusals name the real reason
    expect.soft(lastFrameError).toMatch(/BigInt/);
    expect.soft(lastElementError).toMatch(/cycle/);
    for (const reason of [lastFrameError, lastElementError])
      expect.soft(reason).not.toMatch(/characters/);
    expect(await settledProblems(page)).toEqual([]);
  });
});
