/** What the own-model specs share: the dialog, the app state they read, fixtures by route. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { ModelFiles } from '../../src/engine/worker/ownModelFixtures';
import { openApp } from './app';
import { TEST_IDS } from './testIds';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const MOBILENET = resolve(repoRoot, '..', 'shared', 'models', 'mobilenet');
export const CHELSEA = resolve(repoRoot, 'public', 'samples', 'chelsea.png');

export async function currentModelId(page: Page): Promise<string | null> {
  return page.evaluate(() => window.adversarialExplorer?.currentModelId?.() ?? null);
}

/** What the specs read of the app state (the handle gives it untyped). */
export interface StateView {
  loadedModel: { numClasses: number } | null;
  sweepOutcome: { modelId: string } | null;
  csMaps: { result: { resolution: number } | null; error: string | null }[];
  weightsByModel: Record<string, { kind: string } | undefined>;
  setCsResolution(r: number): void;
  setCsCount(n: number): void;
  attackOutcome: { modelId: string; own?: { ownId: number } | null } | null;
  setOwnImage(image: object): void;
  customModels: { id: string; title: string; classNames: string[] }[];
}

/** The model id of the last attack result when it was made on the user's own picture. */
export async function ownAttackModel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const s = window.adversarialExplorer?.state?.() as StateView | undefined;
    const outcome = s?.attackOutcome;
    return outcome?.own ? outcome.modelId : '';
  });
}

export async function tensorCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const app = window.adversarialExplorer;
    if (!app) throw new Error('no devtools handle');
    return (await app.client.memory()).numTensors;
  });
}

export async function openDialog(page: Page) {
  await page.getByTestId('own-model-open').click();
  const dialog = page.getByTestId('own-model-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

export async function readUrl(page: Page, url: string): Promise<void> {
  await page.getByTestId('own-model-url').fill(url);
  await page.getByTestId('own-model-check-url').click();
}

/**
 * Opens the app on wasm with `model` (by the link's model parameter, so the default model is
 * never loaded: mnist-softmax's 31 KB load in a fraction of mnist-maxout's time) and waits for
 * its prediction.
 */
export async function openReady(page: Page, model = 'mnist-softmax'): Promise<string> {
  await openApp(page, { backend: 'wasm', model });
  await expect(page.getByTestId(TEST_IDS.predOriginal)).toHaveAttribute('data-class', /^\d+$/, {
    timeout: 90_000,
  });
  const id = await currentModelId(page);
  if (id === null) throw new Error('no model loaded');
  return id;
}

/** Makes chelsea.png the current image through the page's own image input. */
export async function useChelsea(page: Page): Promise<void> {
  await page.getByTestId('own-image-file').setInputFiles(CHELSEA);
}

/** `files` as Playwright's setInputFiles wants them. */
export function asInputFiles(files: ModelFiles) {
  return Object.entries(files).map(([name, bytes]) => ({
    name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(bytes),
  }));
}

/** Serves `files` at <base>own-fixtures/<name>/ for the page and its worker. */
export async function serveFixture(
  context: BrowserContext,
  baseURL: string,
  name: string,
  files: ModelFiles,
): Promise<string> {
  const prefix = `${baseURL}own-fixtures/${name}/`;
  await context.route(`${prefix}**`, async (route) => {
    const file = route.request().url().slice(prefix.length);
    const body = files[file];
    if (body === undefined) await route.fulfill({ status: 404, body: 'not found' });
    else
      await route.fulfill({
        status: 200,
        body: Buffer.from(body),
        contentType: 'application/octet-stream',
      });
  });
  return `${prefix}model.json`;
}
