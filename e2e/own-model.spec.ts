/**
 * Bring your own model: the TF-Hub GraphModel copy of MobileNet (served by e2e/server.ts from
 * ../shared/models, never committed) loaded by URL, its 1,000-name file fixed in one click; a
 * model dropped as files loads and works in every view; and every broken model (fixtures built
 * here with tfjs, served by route interception) is refused with its message while the app keeps
 * its model, its tensors and its worker. MobileNet by URL and from the gallery, Fig. 1 and the
 * sweep: own-model-gallery.spec.ts. wasm backend throughout.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './fixtures';
import { openTab } from './helpers/app';
import {
  asInputFiles,
  currentModelId,
  MOBILENET,
  openDialog,
  openReady,
  ownAttackModel,
  readUrl,
  serveFixture,
  tensorCount,
  useChelsea,
  type StateView,
} from './helpers/ownModel';
import { TEST_IDS } from './helpers/testIds';
import {
  BAD_MODEL_KINDS,
  BAD_MODEL_MESSAGES,
  badModelFiles,
  goodModelFiles,
} from '../src/engine/worker/ownModelFixtures';

test('the TF-Hub GraphModel: 1,001 outputs, the 1,000 ImageNet names fixed in one click', async ({
  page,
  baseURL,
}) => {
  test.skip(!existsSync(MOBILENET), 'the shared MobileNet is not here');
  const before = await openReady(page);
  await openDialog(page);
  await readUrl(page, `${baseURL}shared-models/mobilenet/graph_tfhub_v1_025/model.json`);
  await expect(page.getByTestId('own-model-summary')).toContainText('GraphModel');
  await expect(page.getByTestId('own-model-range-0-1')).toBeChecked();
  // no name of its own: the meaningful part of the address
  await expect(page.getByTestId('own-model-name')).toHaveValue('graph_tfhub_v1_025');
  const classes = page.getByTestId('own-model-classes');
  await classes.setInputFiles(resolve(MOBILENET, 'imagenet_classes.json'));
  await page.getByTestId('own-model-load').click();
  const error = page.getByTestId('own-model-error');
  await expect(error).toContainText(
    'imagenet_classes.json has 1000 names but the model has 1001 outputs',
    { timeout: 90_000 },
  );
  expect(await currentModelId(page)).toBe(before);
  // a stale error goes as soon as the input it was about changes: here, another file picked
  const names = JSON.parse(
    readFileSync(resolve(MOBILENET, 'imagenet_classes.json'), 'utf8'),
  ) as string[];
  const withBackground = ['background', ...names].join('\n');
  await classes.setInputFiles({
    name: 'imagenet_1001.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(withBackground),
  });
  await expect(error).toBeHidden();
  await expect(page.getByTestId('own-model-classes-info')).toContainText(
    '1001 class names from imagenet_1001.txt',
  );
  // back to the 1,000 names: one click adds 'background' as class 0 and loads
  await classes.setInputFiles(resolve(MOBILENET, 'imagenet_classes.json'));
  await page.getByTestId('own-model-load').click();
  await expect(error).toContainText('1001 outputs', { timeout: 90_000 });
  await page.getByTestId('own-model-add-background').click();
  await expect(page.getByTestId('own-model-dialog')).toBeHidden({ timeout: 90_000 });
  await expect.poll(() => currentModelId(page), { timeout: 60_000 }).toMatch(/^own-/);
  const loaded = await page.evaluate(() => {
    const s = window.adversarialExplorer?.state?.() as StateView | undefined;
    return {
      classes: s?.loadedModel?.numClasses,
      names: s?.customModels[0]?.classNames.slice(0, 2),
    };
  });
  expect(loaded).toEqual({ classes: 1001, names: ['background', 'tench, Tinca tinca'] });
  await expect(page.getByTestId('model-info')).toContainText('SpatialSqueeze');
  await expect(page.getByTestId('own-output-kind')).toHaveText('logits');
  await useChelsea(page);
  await expect(page.getByTestId(TEST_IDS.predOriginal)).toContainText(/cat|lynx/, {
    timeout: 90_000,
  });
});

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

  await openDialog(page);
  const picker = page.getByTestId('own-model-files');
  await picker.setInputFiles(asInputFiles({ 'model.json': files['model.json'] as Uint8Array }));
  await expect(page.getByTestId('own-model-error')).toContainText(
    'needs weight file(s) weights.bin',
  );
  expect(await currentModelId(page)).toBe(modelId);
  await picker.setInputFiles(asInputFiles(files));
  await expect(page.getByTestId('own-model-summary')).toContainText('input [8, 8, 3]');
  await page.getByTestId('own-model-range-0-1').check();
  await page.getByTestId('own-model-load').click();
  await expect(page.getByTestId('own-model-dialog')).toBeHidden({ timeout: 60_000 });
  await expect.poll(() => currentModelId(page), { timeout: 60_000 }).toMatch(/^own-/);
  await expect(page.getByTestId('model-info')).toContainText('pre-softmax logits');

  // every view works with an own model and a photo (a small model: one 16x16 map is quick)
  const ownId = (await currentModelId(page)) ?? '';
  await useChelsea(page);
  await expect.poll(() => ownAttackModel(page), { timeout: 60_000 }).toBe(ownId);
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
    }, ownId);
  await openTab(page, 'sweep');
  await expect.poll(async () => (await views()).sweep, { timeout: 60_000 }).toBe(true);
  await page.evaluate(() => {
    const s = window.adversarialExplorer?.state?.() as StateView | undefined;
    s?.setCsResolution(16);
    s?.setCsCount(1);
  });
  await openTab(page, 'cross-section');
  await expect.poll(async () => (await views()).map, { timeout: 60_000 }).toBe(16);
  await openTab(page, 'weights');
  await expect.poll(async () => (await views()).weights, { timeout: 60_000 }).toBe('conv');
});
