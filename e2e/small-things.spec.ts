/**
 * Issue 17 item 8, the small things: the drawing pad scrolls into view when it opens, and a
 * picture address that fails is reported beside the field, not only in the banner at the top.
 */
import { expect, test } from './fixtures';
import { openApp } from './helpers/app';

test('the Draw pad opens where the user can see it', async ({ page }) => {
  await openApp(page, { backend: 'wasm' });
  await page.getByRole('button', { name: 'Draw' }).click();
  await expect(page.getByTestId('drawing-pad').locator('canvas')).toBeInViewport({ ratio: 0.9 });
});

test('a bad picture address is reported beside the field', async ({ page }) => {
  await openApp(page, { backend: 'wasm' });
  await page.getByTestId('own-image-url').fill('http://127.0.0.1:9/missing.png');
  await page.getByTestId('own-image-url-load').click();
  const local = page.getByTestId('own-image-error');
  await expect(local).toBeVisible({ timeout: 30_000 });
  await expect(local).toBeInViewport();
  await expect(local).toContainText(/missing\.png|could not|failed/i);
});
