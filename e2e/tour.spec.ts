/**
 * Issue 18: the guided tour as a page. Every "open this in the explorer" link opens the explorer
 * in the state it names; the explorer links back (header, the "?" of each caption); the tour
 * passes axe in both themes, fits a phone's width, and prints as a handout without controls.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seriousA11yViolations } from './helpers/a11y';
import { saveScreenshot } from './helpers/app';
import { shippedModel } from './helpers/models';
import { figureDone } from './helpers/tour';

test.skip(!shippedModel('mnist-maxout'), 'the tour needs the shipped MNIST models');

interface LinkState {
  model: string;
  image?: number;
  eps?: number;
  attack?: string;
  view?: string;
  mapRes?: number;
  mapSeed?: number;
}

/** The explorer's state as its devtools handle reports it. */
async function explorerState(page: Page): Promise<Record<string, unknown>> {
  await page.waitForFunction(() => window.adversarialExplorer?.state?.() !== undefined);
  return page.evaluate(() => {
    const s = window.adversarialExplorer?.state?.() as Record<string, unknown>;
    const keys = [
      'selectedModelId',
      'selectedIndex',
      'eps',
      'attackMode',
      'activeTab',
      'csResolution',
      'csSeed',
    ];
    return Object.fromEntries(keys.map((k) => [k, s[k]]));
  });
}

test('every explorer link of the tour opens the state it names', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./tour.html?backend=wasm');
  const links = page.getByTestId('explorer-link');
  await expect(links.first()).toBeVisible();
  const found = await links.evaluateAll((as) =>
    as.map((a) => ({
      href: (a as HTMLAnchorElement).href,
      state: a.getAttribute('data-state') ?? '{}',
    })),
  );
  expect(found.length).toBeGreaterThanOrEqual(10);
  const seen = new Set<string>();
  for (const { href, state: json } of found) {
    if (seen.has(href)) continue;
    seen.add(href);
    const state = JSON.parse(json) as LinkState;
    await page.goto(href);
    const s = await explorerState(page);
    expect(s.selectedModelId, href).toBe(state.model);
    if (state.image !== undefined) expect(s.selectedIndex, href).toBe(state.image);
    if (state.eps !== undefined) expect(s.eps, href).toBe(state.eps);
    if (state.attack !== undefined) expect(s.attackMode, href).toBe(state.attack);
    if (state.view !== undefined) {
      expect(s.activeTab, href).toBe(state.view);
      await expect(page.getByTestId(`tab-${state.view}`)).toHaveAttribute('aria-selected', 'true');
    }
    if (state.mapRes !== undefined) expect(s.csResolution, href).toBe(state.mapRes);
    if (state.mapSeed !== undefined) expect(s.csSeed, href).toBe(state.mapSeed);
    await expect(page.getByTestId('model-select')).toHaveValue(state.model);
  }
});

test('the explorer links to the tour: header, first-visit hint, and the "?" of each caption', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('./?backend=wasm&model=mnist-maxout&image=0&eps=0.25&view=image');
  await expect(page.getByTestId('header-tour-link')).toHaveAttribute('href', 'tour.html');
  await expect(page.getByTestId('first-visit-hint')).toBeVisible();
  const notice = page.getByTestId('notice-image');
  await expect(notice).toContainText('at most 0.25', { timeout: 120_000 });
  await expect(notice.getByTestId('notice-tour-link')).toHaveAttribute(
    'href',
    'tour.html#fgsm-vs-noise',
  );

  // the hint's steps set the explorer up; dismissing it is remembered
  await page.getByTestId('hint-step-noise').click();
  await expect(page.getByTestId('notice-image')).toContainText('random directions', {
    timeout: 60_000,
  });
  await page.getByTestId('hint-dismiss').click();
  await page.reload();
  await expect(page.getByTestId('tab-image')).toBeVisible();
  await expect(page.getByTestId('first-visit-hint')).toHaveCount(0);

  // the "?" opens the tour at its section
  await page.goto('./tour.html?backend=wasm#sweep');
  await expect(page.locator('#sweep-title')).toBeInViewport();
});

test('the tour: axe in both themes, a phone width, and a printable handout', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./tour.html?backend=wasm');
  await figureDone(page, 'first-layer');
  await figureDone(page, 'fgsm-noise');
  await page.locator('#fgsm-vs-noise').scrollIntoViewIfNeeded();
  await page.locator('#fgsm-vs-noise').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await saveScreenshot(page, 'tour-light');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByTestId('theme-select').selectOption('dark');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByTestId('theme-select').selectOption('light');

  // keyboard: the n slider moves with the arrow keys
  const n = page.getByTestId('dot-n');
  await n.focus();
  const before = await page.getByTestId('dot-value-n').getAttribute('data-value');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('dot-value-n')).not.toHaveAttribute('data-value', before ?? '');

  // a phone: nothing wider than the screen, results before controls
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('figure-fgsm-noise').scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(1);
  const order = await page.getByTestId('figure-fgsm-noise').evaluate((f) => {
    const result = f.querySelector('.tour-figure__result');
    const controls = f.querySelector('.tour-figure__controls');
    return result && controls
      ? result.getBoundingClientRect().top < controls.getBoundingClientRect().top
      : false;
  });
  expect(order).toBe(true);
  await saveScreenshot(page.getByTestId('figure-fgsm-noise'), 'tour-phone');

  // print: figures, captions and numbers stay; controls, links and the header go
  await page.setViewportSize({ width: 1280, height: 900 });
  await saveScreenshot(page.getByTestId('figure-first-layer'), 'tour-figure');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.tour-figure__controls').first()).toBeHidden();
  await expect(page.getByTestId('explorer-link').first()).toBeHidden();
  await expect(page.locator('.tour-header')).toBeHidden();
  await expect(page.getByTestId('notice-fgsm-noise')).toBeVisible();
  await expect(page.getByTestId('fn-fgsm')).toBeVisible();
});
