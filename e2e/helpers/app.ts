/** Opening the app the way a user would: URL parameters, then the pickers. */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';
import type { BackendInfo } from '../../src/engine/api';
import { waitForEngine } from './engine';
import { TEST_IDS } from './testIds';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** Opens the built app with these query parameters and waits for its engine. */
export async function openApp(
  page: Page,
  query: Record<string, string> = {},
): Promise<BackendInfo> {
  const search = new URLSearchParams(query).toString();
  await page.goto(search ? `./?${search}` : './');
  return waitForEngine(page);
}

export interface ModelAndImage {
  backend?: string;
  modelId: string;
  /** test-set index */
  index?: number;
}

/**
 * Opens the app, picks the model and the test image in the UI, and waits until the image panel
 * shows the engine's predictions for them.
 */
export async function openModelImage(page: Page, choice: ModelAndImage): Promise<BackendInfo> {
  const info = await openApp(page, { backend: choice.backend ?? 'wasm' });
  await selectModel(page, choice.modelId);
  if (choice.index !== undefined) await selectImage(page, choice.index);
  await expect(page.getByTestId(TEST_IDS.predOriginal)).toHaveAttribute('data-class', /^\d+$/);
  return info;
}

export async function selectModel(page: Page, modelId: string): Promise<void> {
  const picker = page.getByTestId(TEST_IDS.modelSelect);
  await expect(
    picker.locator(`option[value="${modelId}"]`),
    `${modelId} in the picker`,
  ).toHaveCount(1);
  await picker.selectOption(modelId);
  await expect
    .poll(() => page.evaluate(() => window.adversarialExplorer?.currentModelId?.()), {
      timeout: 60_000,
    })
    .toBe(modelId);
}

export async function selectImage(page: Page, index: number): Promise<void> {
  const field = page.getByTestId(TEST_IDS.imageSelect);
  await field.fill(String(index));
  await field.press('Enter');
  await expect(field).toHaveValue(String(index));
  await expect
    .poll(() => page.evaluate(() => window.adversarialExplorer?.currentImage?.()?.source ?? ''))
    .toMatch(new RegExp(`#${index}$`));
}

/** Opens a view's tab (image, sweep, cross-section, weights). */
export async function openTab(page: Page, tab: string): Promise<Locator> {
  await page.getByTestId(`tab-${tab}`).click();
  const panel = page.getByTestId(`panel-${tab}`);
  await expect(panel).toBeVisible();
  return panel;
}

/**
 * Saves a screenshot under e2e/artifacts/screens/<name>.png; with E2E_DOCS_SCREENSHOTS=1 also as
 * docs/screenshots/<name>.png for the README.
 */
export async function saveScreenshot(target: Page | Locator, name: string): Promise<void> {
  const paths = [join(repoRoot, 'e2e', 'artifacts', 'screens', `${name}.png`)];
  if (process.env.E2E_DOCS_SCREENSHOTS === '1') {
    paths.push(join(repoRoot, 'docs', 'screenshots', `${name}.png`));
  }
  for (const path of paths) {
    mkdirSync(dirname(path), { recursive: true });
    await target.screenshot({ path, animations: 'disabled' });
  }
}
