/**
 * Crop (issue 14, finding 5): the user frames the part of the picture the model sees, with the
 * keyboard and by dragging a square; the preview shows the tensor made of that part, the attack
 * runs on it, and "Save PNG" saves it at the model's input size.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seriousA11yViolations } from './helpers/a11y';
import { saveScreenshot } from './helpers/app';
import { openReady, useChelsea } from './helpers/ownModel';
import { PNG_SIGNATURE } from './helpers/pictures';

/** the crop frame's [x, y, width, height] in picture pixels */
async function crop(page: Page): Promise<number[]> {
  const text = (await page.getByTestId('own-image-crop').getAttribute('data-crop')) ?? '';
  return text.split(',').map(Number);
}

/** the tensor the app shows now, and the one the last attack on the own picture used */
async function tensors(page: Page) {
  return page.evaluate(() => {
    const s = window.adversarialExplorer?.state?.() as
      { attackOutcome: { own?: { image: { data: Float32Array } } | null } | null } | undefined;
    return {
      shown: Array.from(window.adversarialExplorer?.currentImage?.()?.image.data ?? []),
      attacked: Array.from(s?.attackOutcome?.own?.image.data ?? []),
    };
  });
}

// tall enough that the panel's screenshot (README) is not covered by the fixed status bar
test.use({ viewport: { width: 1280, height: 1400 } });

test('the crop frames what the model sees, is attacked and saved', async ({ page }) => {
  await openReady(page, 'cifar10-conv');
  await useChelsea(page);
  const box = page.getByTestId('own-image-crop');
  await expect(box).toBeVisible({ timeout: 30_000 });
  // chelsea.png is 451 x 300: the centred square of a 32 x 32 model
  expect(await crop(page)).toEqual([76, 0, 300, 300]);
  await expect
    .poll(async () => (await tensors(page)).attacked.length, { timeout: 60_000 })
    .toBe(32 * 32 * 3);
  const centred = (await tensors(page)).shown;

  // keyboard: smaller, then to the left
  await box.focus();
  for (let i = 0; i < 5; i++) await box.press('-');
  await box.press('Shift+ArrowLeft');
  const [x, , side] = await crop(page);
  expect(side).toBe(186);
  expect(x).toBeLessThan(76 + (300 - 186) / 2);
  await expect
    .poll(
      async () => {
        const t = await tensors(page);
        return t.shown.join() !== centred.join() && t.attacked.join() === t.shown.join();
      },
      { timeout: 60_000 },
    )
    .toBe(true);

  // mouse: drag a square from (20%, 10%) of the picture
  const frame = page.getByTestId('own-image-crop-frame');
  const r = await frame.boundingBox();
  if (!r) throw new Error('no crop frame');
  await page.mouse.move(r.x + r.width * 0.2, r.y + r.height * 0.1);
  await page.mouse.down();
  await page.mouse.move(r.x + r.width * 0.35, r.y + r.height * 0.3, { steps: 5 });
  await page.mouse.move(r.x + r.width * 0.45, r.y + r.height * 0.5, { steps: 5 });
  await page.mouse.up();
  const drawn = await crop(page);
  // anchored where the drag began, its side the larger drag extent (0.4 of 300 rows)
  expect(drawn[0]).toBeCloseTo(0.2 * 451, -1);
  expect(drawn[1]).toBeCloseTo(0.1 * 300, -1);
  expect(drawn[2]).toBeCloseTo(0.4 * 300, -1);
  await expect
    .poll(
      async () => {
        const t = await tensors(page);
        return t.attacked.length > 0 && t.attacked.join() === t.shown.join();
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  await saveScreenshot(page.getByTestId('own-image-panel'), 'own-image-crop');
  expect(await seriousA11yViolations(page, '[data-testid="own-image-panel"]')).toEqual([]);

  const download = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const png = readFileSync(await (await download).path());
  expect(Array.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([32, 32]);

  await page.getByTestId('own-image-crop-reset').click();
  expect(await crop(page)).toEqual([76, 0, 300, 300]);
});
