/**
 * Issue 4: every view passes axe-core's WCAG 2.1 A/AA rules with no serious or critical
 * violation, in the light and the dark theme, once its content is drawn. A full-page screenshot
 * of each view is kept (e2e/artifacts/screens; docs/screenshots with E2E_DOCS_SCREENSHOTS=1).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seriousA11yViolations } from './helpers/a11y';
import { openModelImage, openTab, saveScreenshot } from './helpers/app';
import { shippedModel } from './helpers/models';
import { TEST_IDS } from './helpers/testIds';

const MODEL_ID = 'mnist-softmax';

/** What shows that a view has drawn its content. */
const READY: Record<string, (page: Page) => Promise<void>> = {
  image: (page) =>
    expect(page.getByTestId(TEST_IDS.predAdversarial)).toHaveAttribute('data-class', /^\d+$/),
  sweep: (page) => expect(page.locator('[data-testid^="sweep-line-"]').first()).toBeVisible(),
  'cross-section': (page) =>
    expect(page.locator('[data-testid^="xsec-progress-"]')).toHaveCount(0, { timeout: 60_000 }),
  weights: (page) => expect(page.getByTestId('weights-panel-left')).toBeVisible(),
  compare: async (page) => {
    await expect(page.getByTestId('compare-b-uniform-pred')).toHaveAttribute('data-class', /\d/);
    await expect(page.locator('.ae-compare-cell.is-pending')).toHaveCount(0);
  },
  experiments: (page) => expect(page.getByTestId('experiment-run')).toBeEnabled(),
};

test.skip(!shippedModel(MODEL_ID), `${MODEL_ID} is not in models/index.json`);

for (const theme of ['light', 'dark'] as const) {
  test(`accessibility: no serious or critical axe violations in any view (${theme} theme)`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await openModelImage(page, { modelId: MODEL_ID, index: 0 });
    await page.getByTestId('theme-select').selectOption(theme);
    const violations: string[] = [];
    for (const [tab, ready] of Object.entries(READY)) {
      await openTab(page, tab);
      await ready(page);
      violations.push(...(await seriousA11yViolations(page)).map((v) => `[${tab}] ${v}`));
      await saveScreenshot(page, `${tab}-${theme}`);
    }
    expect(violations).toEqual([]);
  });
}
