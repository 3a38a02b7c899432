/**
 * Bring your own model: the third-party MobileNet (served by e2e/server.ts from ../shared/models,
 * never committed) loaded by URL with its class names classifies a photo of a cat as a cat and
 * is attacked with FGSM; the TF-Hub GraphModel copy loads too (1001 outputs); a model dropped as
 * files loads; and every broken model (fixtures built here with tfjs, served by route
 * interception) is refused with its message while the app keeps its model, its tensors and its
 * worker. wasm backend throughout.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seriousA11yViolations } from './helpers/a11y';
import { openApp, openTab, saveScreenshot } from './helpers/app';
import { TEST_IDS } from './helpers/testIds';
import {
  BAD_MODEL_KINDS,
  BAD_MODEL_MESSAGES,
  badModelFiles,
  goodModelFiles,
  type ModelFiles,
} from '../src/engine/worker/ownModelFixtures';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const MOBILENET = resolve(repoRoot, '..', 'shared', 'models', 'mobilenet');
const CHELSEA = resolve(repoRoot, 'public', 'samples', 'chelsea.png');
/** ImageNet classes of the cat family: tabby, tiger cat, Persian, Siamese, Egyptian cat */
const CATS = [281, 282, 283, 284, 285];

test.skip(!existsSync(MOBILENET), 'the shared MobileNet is not here');

async function currentModelId(page: Page): Promise<string | null> {
  return page.evaluate(() => window.adversarialExplorer?.currentModelId?.() ?? null);
}

/** What the spec reads of the app state (the handle gives it untyped). */
interface StateView {
  loadedModel: { numClasses: number } | null;
  sweepOutcome: { modelId: string } | null;
  csMaps: { result: { resolution: number } | null; error: string | null }[];
  weightsByModel: Record<string, { kind: string } | undefined>;
  setCsResolution(r: number): void;
  setCsCount(n: number): void;
  attackOutcome: { modelId: string; own?: { ownId: number } | null } | null;
  setOwnImage(image: object): void;
}

/** The model id of the last attack result when it was made on the user's own picture. */
async function ownAttackModel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const s = window.adversarialExplorer?.state?.() as StateView | undefined;
    const outcome = s?.attackOutcome;
    return outcome?.own ? outcome.modelId : '';
  });
}

async function tensorCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const app = window.adversarialExplorer;
    if (!app) throw new Error('no devtools handle');
    return (await app.client.memory()).numTensors;
  });
}

async function openDialog(page: Page) {
  await page.getByTestId('own-model-open').click();
  const dialog = page.getByTestId('own-model-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

async function readUrl(page: Page, url: string): Promise<void> {
  await page.getByTestId('own-model-url').fill(url);
  await page.getByTestId('own-model-check-url').click();
}

/** Opens the app on wasm and waits for the first model's prediction. */
async function openReady(page: Page): Promise<string> {
  await openApp(page, { backend: 'wasm' });
  await expect(page.getByTestId(TEST_IDS.predOriginal)).toHaveAttribute('data-class', /^\d+$/, {
    timeout: 90_000,
  });
  const id = await currentModelId(page);
  if (id === null) throw new Error('no model loaded');
  return id;
}

/** Makes chelsea.png the current image: the page's own image input, else the store. */
async function useChelsea(page: Page): Promise<void> {
  const input = page.getByTestId('own-image-file');
  if ((await input.count()) > 0) {
    await input.setInputFiles(CHELSEA);
    return;
  }
  const dataUrl = `data:image/png;base64,${readFileSync(CHELSEA).toString('base64')}`;
  await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(img, 0, 0);
    const raster = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const state = window.adversarialExplorer?.state?.() as StateView | undefined;
    if (!state) throw new Error('no app state');
    state.setOwnImage({
      name: 'chelsea.png',
      raster: { width: raster.width, height: raster.height, data: raster.data },
      originalWidth: raster.width,
      originalHeight: raster.height,
      notes: [],
    });
  }, dataUrl);
}

test('MobileNet by URL with class names: a cat photo gives cat classes, FGSM is shown', async ({
  page,
  baseURL,
}) => {
  await openReady(page);
  await openDialog(page);
  await readUrl(page, `${baseURL}shared-models/mobilenet/model.json`);
  await expect(page.getByTestId('own-model-summary')).toContainText('LayersModel');
  await expect(page.getByTestId('own-model-summary')).toContainText('input [224, 224, 3]');
  // the guess for a 224x224 RGB Keras model is [-1, 1], which is right for MobileNet
  await expect(page.getByTestId('own-model-range--1-1')).toBeChecked();
  await page
    .getByTestId('own-model-classes')
    .setInputFiles(resolve(MOBILENET, 'imagenet_classes.json'));
  await expect(page.getByTestId('own-model-classes-info')).toContainText('1000 class names');
  await saveScreenshot(page.getByTestId('own-model-dialog'), 'own-model-dialog');
  expect(await seriousA11yViolations(page), 'axe: the open dialog').toEqual([]);
  await page.getByTestId('own-model-load').click();
  await expect(page.getByTestId('own-model-dialog')).toBeHidden({ timeout: 90_000 });

  await expect.poll(() => currentModelId(page), { timeout: 60_000 }).toMatch(/^own-/);
  const picker = page.getByTestId(TEST_IDS.modelSelect);
  await expect(picker.locator('option:checked')).toContainText('(your model)');
  await expect(page.getByTestId('model-info')).toContainText('act_softmax');

  const modelId = (await currentModelId(page)) ?? '';
  await useChelsea(page);
  // the FGSM result on the photo, by the own model
  await expect.poll(() => ownAttackModel(page), { timeout: 90_000 }).toBe(modelId);
  const original = page.getByTestId(TEST_IDS.predOriginal);
  expect(CATS).toContain(Number(await original.getAttribute('data-class')));
  // top five bars, most probable first, at least two of the cat family
  const titles = await page.getByTestId('probs-original').locator('title').allTextContents();
  expect(titles).toHaveLength(5);
  expect(
    titles.filter((t) => /tabby|tiger cat|Egyptian cat|Persian|lynx/.test(t)).length,
  ).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId(TEST_IDS.predAdversarial)).toHaveAttribute('data-class', /^\d+$/);
  await expect(page.getByTestId('probs-adversarial').locator('title')).toHaveCount(5);
  await saveScreenshot(page, 'own-model-mobilenet');

  // the other views work with the own model and the photo (one 16x16 cross-section map)
  /** a few facts of the views' results for the own model */
  const views = () =>
    page.evaluate((id) => {
      const s = window.adversarialExplorer?.state?.() as StateView | undefined;
      const map = s?.csMaps[0];
      return {
        sweep: s?.sweepOutcome?.modelId === id,
        map: map?.result?.resolution ?? map?.error ?? null,
        weights: s?.weightsByModel[id]?.kind ?? null,
      };
    }, modelId);
  await openTab(page, 'sweep');
  await expect.poll(async () => (await views()).sweep, { timeout: 120_000 }).toBe(true);
  await page.evaluate(() => {
    const s = window.adversarialExplorer?.state?.() as StateView | undefined;
    s?.setCsResolution(16);
    s?.setCsCount(1);
  });
  await openTab(page, 'cross-section');
  await expect.poll(async () => (await views()).map, { timeout: 120_000 }).toBe(16);
  await openTab(page, 'weights');
  await expect.poll(async () => (await views()).weights, { timeout: 60_000 }).toBe('conv');
});

test('the TF-Hub GraphModel loads: 1001 outputs, a 1000-name file is refused', async ({
  page,
  baseURL,
}) => {
  const before = await openReady(page);
  await openDialog(page);
  await readUrl(page, `${baseURL}shared-models/mobilenet/graph_tfhub_v1_025/model.json`);
  await expect(page.getByTestId('own-model-summary')).toContainText('GraphModel');
  await expect(page.getByTestId('own-model-range-0-1')).toBeChecked();
  const classes = page.getByTestId('own-model-classes');
  await classes.setInputFiles(resolve(MOBILENET, 'imagenet_classes.json'));
  await page.getByTestId('own-model-load').click();
  await expect(page.getByTestId('own-model-error')).toContainText(
    '1000 names but the model has 1001 outputs',
    { timeout: 90_000 },
  );
  expect(await currentModelId(page)).toBe(before);
  await classes.setInputFiles([]);
  await page.getByTestId('own-model-load').click();
  await expect(page.getByTestId('own-model-dialog')).toBeHidden({ timeout: 90_000 });
  await expect.poll(() => currentModelId(page), { timeout: 60_000 }).toMatch(/^own-/);
  const loaded = await page.evaluate(
    () => (window.adversarialExplorer?.state?.() as StateView | undefined)?.loadedModel,
  );
  expect(loaded?.numClasses).toBe(1001);
  await expect(page.getByTestId('model-info')).toContainText('SpatialSqueeze');
});

/** Serves `files` at <base>own-fixtures/<name>/ for the page and its worker. */
async function serveFixture(
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

test('every broken model is refused with its message; the app keeps its model and tensors', async ({
  page,
  context,
  baseURL,
}) => {
  const base = baseURL ?? '';
  const modelId = await openReady(page);
  const tensors = await tensorCount(page);
  await openDialog(page);
  const error = page.getByTestId('own-model-error');
  const cases: { name: string; url: string; message: RegExp }[] = [];
  for (const kind of BAD_MODEL_KINDS) {
    const url = await serveFixture(context, base, kind, await badModelFiles(kind));
    cases.push({ name: kind, url, message: BAD_MODEL_MESSAGES[kind] });
  }
  cases.push({
    name: '404',
    url: `${base}own-fixtures/nothing-here/model.json`,
    message: /HTTP 404 for model\.json/,
  });
  // port 9 (discard): nothing listens on it here, so the connection is refused
  cases.push({
    name: 'refused',
    url: 'http://127.0.0.1:9/model.json',
    message: /could not connect to/,
  });

  for (const c of cases) {
    await readUrl(page, c.url);
    await expect(page.getByTestId('own-model-reading')).toBeHidden({ timeout: 30_000 });
    // model.json problems are caught on reading it; weight problems when loading
    if (!(await error.isVisible())) {
      await expect(page.getByTestId('own-model-summary'), c.name).toBeVisible();
      await page.getByTestId('own-model-load').click();
    }
    await expect(error, c.name).toHaveText(c.message, { timeout: 60_000 });
    expect(await currentModelId(page), c.name).toBe(modelId);
  }
  await page.getByTestId('own-model-close').click();
  await expect(page.getByTestId('own-model-dialog')).toBeHidden();
  // the app still works: same model, a fresh attack result, no tensors left behind
  expect(await currentModelId(page)).toBe(modelId);
  await expect(page.getByTestId(TEST_IDS.predAdversarial)).toHaveAttribute('data-class', /^\d+$/);
  expect(await tensorCount(page)).toBe(tensors);
});

test('a model dropped as files loads; files without the weights are refused', async ({ page }) => {
  const modelId = await openReady(page);
  const files = await goodModelFiles();
  const asInput = (f: ModelFiles) =>
    Object.entries(f).map(([name, bytes]) => ({
      name,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(bytes),
    }));
  await openDialog(page);
  const picker = page.getByTestId('own-model-files');
  await picker.setInputFiles(asInput({ 'model.json': files['model.json'] as Uint8Array }));
  await expect(page.getByTestId('own-model-error')).toContainText(
    'needs weight file(s) weights.bin',
  );
  expect(await currentModelId(page)).toBe(modelId);
  await picker.setInputFiles(asInput(files));
  await expect(page.getByTestId('own-model-summary')).toContainText('input [8, 8, 3]');
  await page.getByTestId('own-model-range-0-1').check();
  await page.getByTestId('own-model-load').click();
  await expect(page.getByTestId('own-model-dialog')).toBeHidden({ timeout: 60_000 });
  await expect.poll(() => currentModelId(page), { timeout: 60_000 }).toMatch(/^own-/);
  await expect(page.getByTestId('model-info')).toContainText('pre-softmax logits');
});
