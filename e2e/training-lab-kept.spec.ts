/**
 * Issue 16, a model trained in the lab kept in the browser (IndexedDB): full storage says so
 * and keeps nothing; a kept model is in the picker again after a reload ("trained here"),
 * predicts in the image panel, runs in the transfer experiment against a shipped model and in
 * the rubbish-class experiment, and can be removed for good. One tiny run (2,048 images, 16
 * steps) keeps the test short.
 */
import type { Page } from '@playwright/test';
import type {
  RubbishExperimentResult,
  TransferExperimentResult,
} from '../src/engine/experimentTypes';
import { expect, test } from './fixtures';
import { openApp, openTab, selectModel } from './helpers/app';
import { runInUi } from './helpers/experiments';
import { TEST_IDS } from './helpers/testIds';

const trainedOptions = (page: Page) =>
  page.getByTestId(TEST_IDS.modelSelect).locator('option', { hasText: '(trained here)' });

/** Every later IndexedDB write fails as a full disk does (until `undo` runs). */
const fillStorage = (page: Page) =>
  page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    (window as unknown as { undoFull: () => void }).undoFull = () => {
      IDBObjectStore.prototype.put = put;
    };
  });

const isRate = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;

test('a kept model is in the picker after a reload, predicts, runs in transfer and rubbish-class experiments, and can be removed', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openApp(page, {
    view: 'train',
    backend: 'wasm',
    model: 'mnist-softmax',
    labImages: '2048',
    labX: 'none',
  });
  await page.getByTestId('lab-train').click();
  const status = page.getByTestId('lab-status-single');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 90_000 });

  // full storage: a message that says so, nothing kept, the lab goes on
  await fillStorage(page);
  await page.getByTestId('lab-keep-single').click();
  await expect(page.getByTestId('lab-keep-error-single')).toContainText(
    "the browser's storage for this site is full",
  );
  await expect(trainedOptions(page)).toHaveCount(0);
  await page.evaluate(() => (window as unknown as { undoFull: () => void }).undoFull());
  await page.getByTestId('lab-keep-single').click();
  await expect(page.getByTestId('lab-keep-single')).toHaveText('Kept in this browser');
  await expect(page.getByTestId('lab-keep-error-single')).toHaveCount(0);
  await expect(trainedOptions(page)).toHaveCount(1);
  const id = (await trainedOptions(page).getAttribute('value')) ?? '';
  expect(id).toMatch(/^own-trained-[a-z0-9]+$/);

  // after a reload: in the picker, and it predicts
  await page.reload();
  await expect(trainedOptions(page)).toHaveCount(1, { timeout: 60_000 });
  await expect(trainedOptions(page)).toHaveAttribute('value', id);
  await selectModel(page, id);
  await expect(page.getByTestId('kept-model')).toContainText('Kept in this browser');
  await openTab(page, 'image');
  await expect(page.getByTestId(TEST_IDS.predOriginal)).toHaveAttribute('data-class', /^\d$/, {
    timeout: 60_000,
  });

  // the experiments: FGSM made on each model, tried on both; noise called a class
  await openTab(page, 'experiments');
  const models = [id, 'mnist-softmax'];
  const transfer = (await runInUi(page, {
    kind: 'transfer',
    models,
    attack: 'fgsm',
    eps: '0.25',
    limit: 100,
    seed: 1,
  })) as TransferExperimentResult;
  // in the picker's order: the shipped model first
  expect([...transfer.models].sort()).toEqual([...models].sort());
  expect(transfer.cells).toHaveLength(4);
  expect(transfer.cells.every((c) => c.count === 100 && isRate(c.errorRate))).toBe(true);
  const cleanOf = (m: string) => transfer.cleanErrorRates[transfer.models.indexOf(m)] ?? -1;
  const trainedClean = cleanOf(id);
  const shippedClean = cleanOf('mnist-softmax');
  console.log(
    `transfer: ${JSON.stringify(transfer.cleanErrorRates)} clean, cells ${JSON.stringify(transfer.cells.map((c) => [c.source, c.target, c.errorRate]))}`,
  );
  // 16 plain steps learn something; FGSM at 0.25 fools softmax regression nearly always
  expect(trainedClean).toBeLessThan(0.5);
  expect(shippedClean).toBeLessThan(0.15);
  const own = (source: string, target: string) =>
    transfer.cells.find((c) => c.source === source && c.target === target)?.errorRate ?? -1;
  expect(own(id, id)).toBeGreaterThan(0.8);
  expect(own(id, 'mnist-softmax')).toBeGreaterThan(shippedClean);
  const rubbish = (await runInUi(page, {
    kind: 'rubbish',
    models,
    count: 200,
    seed: 1,
  })) as RubbishExperimentResult;
  expect(rubbish.rows.map((r) => r.modelId).sort()).toEqual([...models].sort());
  for (const row of rubbish.rows) {
    expect(row.count).toBe(200);
    expect(isRate(row.errorRate)).toBe(true);
    expect(row.classCounts.reduce((a, b) => a + b, 0)).toBe(Math.round(row.errorRate * 200));
  }
  console.log(`rubbish: ${JSON.stringify(rubbish.rows.map((r) => [r.modelId, r.errorRate]))}`);

  // removed: out of the picker, and still out after a reload
  await page.getByTestId('kept-model-remove').click();
  await expect(trainedOptions(page)).toHaveCount(0);
  // the picker changed under the user: a status line says what went and what shows now
  // the option reads "<title> · <dataset> · …": the status names the same title
  const option = await page
    .getByTestId(TEST_IDS.modelSelect)
    .evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text ?? '');
  const removal = page.getByRole('status').filter({ hasText: 'from this browser' });
  await expect(removal).toHaveText(
    /^Removed “.+ \(trained here\)” from this browser\. Now selected: .+\.$/,
  );
  const title = ((await removal.innerText()).split('Now selected: ')[1] ?? '').replace(/\.$/, '');
  expect(option.startsWith(`${title} · `)).toBe(true);
  await page.reload();
  await expect(page.getByTestId(TEST_IDS.modelSelect).locator('option').first()).toBeAttached({
    timeout: 60_000,
  });
  await expect(trainedOptions(page)).toHaveCount(0);
});
