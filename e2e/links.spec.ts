/**
 * Issue 17 item 4: a link reproduces the screen. For each view, settings are changed in the UI
 * (never in the URL), the address bar is reloaded, and the view must look the same, pixel for
 * pixel, with the same control values; a clicked cross-section point survives a reload too.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openApp, openTab } from './helpers/app';
import { waitForEngine } from './helpers/engine';
import { pictureDiff } from './helpers/pictureDiff';
import { TEST_IDS } from './helpers/testIds';

/** differing pixels allowed: anti-aliasing of a control's edge, never a glyph or an image */
const MAX_EDGE_PIXELS = 40;
/** per-channel differences this small are ignored (a rounded corner's anti-aliasing, measured: 1) */
const RASTER_NOISE_LEVELS = 2;

/** Values of every control in the views' panel, in document order. */
async function controls(page: Page): Promise<string[]> {
  return page
    .locator('#ae-main')
    .locator('input, select')
    .evaluateAll((els) =>
      els.map((el) => {
        const input = el as HTMLInputElement;
        return `${input.dataset.testid ?? input.name ?? input.type}=${input.type === 'radio' || input.type === 'checkbox' ? input.checked : input.value}`;
      }),
    );
}

/** The views' panel as a picture, without focus rings or hover. */
async function screen(page: Page): Promise<Buffer> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  // the sticky status bar (timings) may cover part of the panel: leave it out
  return page
    .locator('#ae-main')
    .screenshot({ animations: 'disabled', style: '.ae-status { visibility: hidden; }' });
}

/** Takes the screen, reloads the address bar's link, waits for `ready`, compares. */
async function expectSameAfterReload(page: Page, ready: () => Promise<void>): Promise<void> {
  await ready();
  const before = { controls: await controls(page), picture: await screen(page) };
  const link = page.url();
  await page.goto(link);
  await waitForEngine(page);
  await ready();
  expect(await controls(page)).toEqual(before.controls);
  const after = await screen(page);
  if (!after.equals(before.picture)) {
    const dir = 'e2e/artifacts/links';
    mkdirSync(dir, { recursive: true });
    const name = test.info().title.replace(/\W+/g, '-');
    writeFileSync(`${dir}/${name}-before.png`, before.picture);
    writeFileSync(`${dir}/${name}-after.png`, after);
  }
  // one or two levels of 255 at an edge are the rasteriser's rounding, never content
  const diff = await pictureDiff(page, before.picture, after, RASTER_NOISE_LEVELS);
  expect(diff.sizeDiffers, `the size of ${link}'s screen after a reload`).toBe(false);
  // a few anti-aliased pixels of a control's edge may differ (a hover or focus fade), no content
  expect(
    diff.pixels,
    `pixels of ${link}'s screen that differ (${JSON.stringify(diff.box)})`,
  ).toBeLessThanOrEqual(MAX_EDGE_PIXELS);
}

const settled = (page: Page, testId: string) => async () => {
  await expect(page.getByTestId(testId)).toHaveCount(0, { timeout: 120_000 });
};

test.beforeEach(async ({ page }) => {
  await openApp(page, { backend: 'wasm' });
});

test('image view: eps, PGD, its steps, the loss label and the image', async ({ page }) => {
  await page.getByTestId(TEST_IDS.imageSelect).fill('12');
  await page.getByTestId(TEST_IDS.imageSelect).press('Enter');
  await page.getByTestId('eps-value').fill('0.15');
  await page.getByTestId(TEST_IDS.attackMode).selectOption('pgd');
  await page.getByTestId('pgd-steps').fill('5');
  await page.getByTestId('label-source-predicted').check();
  await expectSameAfterReload(page, async () => {
    await expect(page.getByTestId(TEST_IDS.predAdversarial)).toHaveAttribute('data-class', /\d/);
    await expect(page.getByTestId('perturbation-norm')).toHaveAttribute('data-linf', /\d/);
  });
});

test('compare view: eps and model B', async ({ page }) => {
  await openTab(page, 'compare');
  await page.getByTestId('compare-eps-value').fill('0.1');
  await page.getByTestId('compare-model-b').selectOption('mnist-softmax');
  await expectSameAfterReload(page, async () => {
    await expect(page.locator('.ae-compare-cell.is-pending')).toHaveCount(0);
    await expect(page.getByTestId('compare-b-uniform-pred')).toHaveAttribute('data-class', /\d/);
  });
});

test('sweep view: probabilities, range and points', async ({ page }) => {
  await openTab(page, 'sweep');
  await page.getByTestId('sweep-mode-probabilities').check();
  await page.getByTestId('sweep-eps-max').fill('0.4');
  await page.getByTestId('sweep-points').fill('101');
  await page.getByTestId('sweep-apply').click();
  await expectSameAfterReload(page, async () => {
    await settled(page, 'sweep-loading')();
    await expect(page.getByTestId('sweep-figure').locator('svg').first()).toBeVisible();
  });
});

test('cross-section view: number of maps, resolution, random direction, random plane', async ({
  page,
}) => {
  await openTab(page, 'cross-section');
  // the random x random control: its maps and x axis differ from the FGSM ones
  await page.getByTestId('xsec-horizontal').getByLabel('random').check();
  await page.getByTestId('xsec-count').selectOption('2');
  await page.getByTestId('xsec-resolution').selectOption('24');
  await page.getByTestId('xsec-reseed').click();
  await expectSameAfterReload(page, async () => {
    await expect(page.getByTestId('xsec-map-1')).toBeVisible();
    await settled(page, 'xsec-progress-0')();
    await settled(page, 'xsec-progress-1')();
  });
});

test('cross-section view: both planes side by side (the default), each map labelled', async ({
  page,
}) => {
  await openTab(page, 'cross-section');
  await expect(page.getByTestId('xsec-horizontal-both')).toBeChecked();
  await page.getByTestId('xsec-count').selectOption('2');
  await page.getByTestId('xsec-resolution').selectOption('16');
  await page.getByTestId('xsec-reseed').click();
  await expectSameAfterReload(page, async () => {
    // image 0's FGSM map (0) beside its random map (2); image 1's: 1 beside 3
    for (const [pair, maps] of [
      [0, [0, 2]],
      [1, [1, 3]],
    ] as const) {
      const labels = page.getByTestId(`xsec-pair-${pair}`).getByTestId('xsec-plane-label');
      await expect(labels).toHaveText(['FGSM × random', 'random × random']);
      for (const m of maps) await settled(page, `xsec-progress-${m}`)();
    }
  });
  await expect(page).not.toHaveURL(/mapDir=/);
});

test('weights view: the compared model, units per page and the page', async ({ page }) => {
  await openTab(page, 'weights');
  await page.getByTestId('weights-compare').selectOption('mnist-maxout-adv');
  await settled(page, 'weights-loading')();
  await page.getByTestId('weights-units').selectOption('8');
  await page.getByTestId('weights-next').click();
  await expectSameAfterReload(page, async () => {
    await expect(page.getByTestId('weights-page')).toContainText('Page 2');
    await settled(page, 'weights-loading')();
  });
});

test('experiments view: kind, models, attack, eps, images, seed', async ({ page }) => {
  await openTab(page, 'experiments');
  await page.getByTestId('experiment-kind').selectOption('transfer');
  await page.getByTestId('experiment-model-mnist-softmax').check();
  await page.getByTestId('experiment-attack').selectOption('random-sign');
  await page.getByTestId('experiment-eps').fill('0.2');
  await page.getByTestId('experiment-limit').fill('300');
  await page.getByTestId('experiment-seed').fill('5');
  await expectSameAfterReload(page, async () => {
    await expect(page.getByTestId('experiment-kind')).toHaveValue('transfer');
  });
});

for (const { map, plane, along } of [
  { map: 0, plane: 'FGSM', along: /FGSM direction/ },
  { map: 1, plane: 'random', along: /random-sign direction/ },
]) {
  test(`a clicked cross-section point comes back after a reload (${plane} map of a pair)`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await openTab(page, 'cross-section');
    await page.getByTestId('xsec-count').selectOption('1');
    await page.getByTestId('xsec-resolution').selectOption('16');
    const target = page.getByTestId(`xsec-map-${map}`);
    // a pair's random map is drawn after its FGSM map: wait for its canvas, then for both to settle
    await expect(target.locator('canvas').first()).toBeVisible({ timeout: 120_000 });
    await settled(page, 'xsec-progress-0')();
    await settled(page, 'xsec-progress-1')();
    // the map may start below the fold (or under the status bar): a click at coordinates does not scroll
    await target.scrollIntoViewIfNeeded();
    const box = await target.locator('canvas').first().boundingBox();
    if (!box) throw new Error('no map canvas');
    await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.3);
    await expect(page.getByTestId('probe-note')).toBeVisible();
    await expect(page).toHaveURL(/[?&]cell=/);
    // the point's plane goes into the link where it is not the FGSM one
    if (plane === 'random') await expect(page).toHaveURL(/[?&]cellDir=random/);
    else await expect(page).not.toHaveURL(/cellDir=/);
    const note = await page.getByTestId('probe-note').textContent();
    expect(note).toMatch(along);
    await expectSameAfterReload(page, async () => {
      await expect(page.getByTestId('probe-note')).toBeVisible();
      await expect(page.getByTestId(TEST_IDS.predAdversarial)).toHaveAttribute('data-class', /\d/);
    });
    await expect(page.getByTestId('probe-note')).toHaveText(note ?? '');
  });
}
