/**
 * Issue 17 item 6 in the browser: the weights comparison's slide export is a 1920 x 1080
 * landscape PNG (the unit tests check its layout; only a browser paints and encodes it), and the
 * localisation line of each model is on screen.
 */
import { expect, test } from './fixtures';
import { openApp } from './helpers/app';
import { download, expectValidPng } from './helpers/exports';

test('weights: a localisation line per model and a 1920 x 1080 slide', async ({ page }) => {
  await openApp(page, {
    backend: 'wasm',
    view: 'weights',
    model: 'mnist-maxout',
    wcompare: 'mnist-maxout-adv',
    wunits: '4',
  });
  const lines = page.locator('.weights-view__localisation-line');
  await expect(lines).toHaveCount(2);
  await expect(lines.first()).toContainText('top 10% of pixels hold');
  const slide = await download(page, 'weights-export-slide');
  expect(expectValidPng(slide)).toEqual({ width: 1920, height: 1080 });
  expect(slide.name).toBe('weights-page-1-slide.png');
});
