/**
 * Issue 17 item 7, on a phone (390 × 844): the first result is on the first screen, no view
 * makes the page wider than the screen, and the tab strip shows that more tabs lie beyond it.
 */
import { expect, test } from './fixtures';
import { openApp, saveScreenshot } from './helpers/app';
import { TEST_IDS } from './helpers/testIds';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const VIEWS = ['image', 'compare', 'sweep', 'cross-section', 'weights', 'experiments'];

test('results first, nothing wider than the screen, tabs that show there is more', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openApp(page, { backend: 'wasm', mapRes: '16', maps: '2' });
  const adversarial = page.getByTestId(TEST_IDS.predAdversarial);
  await expect(adversarial).toHaveAttribute('data-class', /\d/);
  const box = await page.getByTestId(TEST_IDS.imageAdversarial).boundingBox();
  expect(box, 'the adversarial image').not.toBeNull();
  expect(box!.y, 'the first result starts on the first screen').toBeLessThan(844 - 100);
  await saveScreenshot(page, 'phone-light');

  // the strip says there is more to the right, and a chosen tab scrolls into view
  const strip = page.getByTestId('view-tabs');
  await expect(strip).toHaveAttribute('data-more-after', 'true');
  await expect(strip).toHaveAttribute('data-more-before', 'false');

  for (const view of VIEWS) {
    const tab = page.getByTestId(`tab-${view}`);
    await tab.click();
    await expect(page.getByTestId(`panel-${view}`)).toBeVisible();
    await page.waitForTimeout(1500);
    const tabBox = await tab.boundingBox();
    expect(tabBox!.x, `tab ${view} in view`).toBeGreaterThanOrEqual(0);
    expect(tabBox!.x + tabBox!.width, `tab ${view} in view`).toBeLessThanOrEqual(390 + 1);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll, `page width on the ${view} view`).toBeLessThanOrEqual(widths.client);
  }
  await expect(strip).toHaveAttribute('data-more-before', 'true');
});
