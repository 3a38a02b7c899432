/**
 * A model the user brings has no test images: the Image panel and the picker say so and how to
 * bring a picture (the drawing pad for a grey model); the cross-sections map only that picture
 * and say so; and where the model's input and class count fit a bundled test set (28×28×1 and
 * 10: MNIST, Fashion-MNIST; 32×32×3 and 10: CIFAR-10) one click uses that set's images with it.
 * Models: a dense softmax built here with tfjs, dropped as files. wasm backend.
 */
import { expect, test } from './fixtures';
import { openTab, saveScreenshot } from './helpers/app';
import {
  asInputFiles,
  currentModelId,
  openDialog,
  openReady,
  ownAttackModel,
  useChelsea,
} from './helpers/ownModel';
import { TEST_IDS } from './helpers/testIds';
import { denseModelFiles } from '../src/engine/worker/ownModelFixtures';
import type { Page } from '@playwright/test';

async function bringDense(page: Page, shape: [number, number, number]): Promise<string> {
  await openDialog(page);
  await page
    .getByTestId('own-model-files')
    .setInputFiles(asInputFiles(await denseModelFiles(shape, 10)));
  await expect(page.getByTestId('own-model-summary')).toContainText(`input [${shape.join(', ')}]`);
  await page.getByTestId('own-model-name').fill('dense-net');
  await page.getByTestId('own-model-range-0-1').check();
  await page.getByTestId('own-model-load').click();
  await expect(page.getByTestId('own-model-dialog')).toBeHidden({ timeout: 60_000 });
  await expect.poll(() => currentModelId(page), { timeout: 60_000 }).toMatch(/^own-/);
  return (await currentModelId(page)) ?? '';
}

const NO_TEST_IMAGES = 'dense-net (your model) has no test images in this app';

test('a grey 28×28 own model: says what to do, offers drawing and the MNIST test images', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openReady(page);
  const ownId = await bringDense(page, [28, 28, 1]);

  // no endless "Waiting…": the panel and the picker say why, and what to do
  const panelNote = page.getByTestId('image-panel-waiting');
  await expect(panelNote).toContainText(NO_TEST_IMAGES);
  await expect(panelNote).toContainText('drop a picture anywhere on the page');
  await expect(panelNote).toContainText('(or draw one)');
  await expect(page.getByTestId('test-set-status')).toContainText(NO_TEST_IMAGES);
  await expect(page.getByTestId('own-image-draw')).toBeVisible();
  const offer = page.getByTestId('panel-image').getByTestId('test-set-offer');
  await expect(offer.getByTestId('use-test-set-mnist')).toHaveText('Use the MNIST test images');
  await expect(offer.getByTestId('use-test-set-fashion-mnist')).toBeVisible();
  await saveScreenshot(page, 'own-model-no-test-images');

  // one picture: the cross-sections map it alone, and the Images control says 1
  await useChelsea(page);
  await expect.poll(() => ownAttackModel(page), { timeout: 60_000 }).toBe(ownId);
  await page.evaluate(() => {
    const s = window.adversarialExplorer?.state?.() as { setCsResolution(r: number): void };
    s.setCsResolution(16);
  });
  await openTab(page, 'cross-section');
  await expect(page.getByTestId('xsec-count')).toBeDisabled();
  await expect(page.getByTestId('xsec-count')).toHaveValue('1');
  await expect(page.getByTestId('xsec-single-image')).toContainText('Only your picture is mapped');
  await saveScreenshot(page, 'own-model-one-picture-maps');

  // one click: the MNIST test images with the own model (same id, so the link names it still)
  await openTab(page, 'image');
  await page.getByTestId('test-set-status').waitFor({ state: 'visible' });
  await page.getByRole('region', { name: 'Test image' }).getByTestId('use-test-set-mnist').click();
  await expect(page.getByTestId('thumb-0')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('test-set-source')).toContainText('MNIST test set');
  expect(await currentModelId(page)).toBe(ownId);
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const s = window.adversarialExplorer?.state?.() as {
            attackOutcome: { modelId: string; index: number; own?: object | null } | null;
          };
          const o = s.attackOutcome;
          return o && !o.own ? o.modelId : '';
        }),
      { timeout: 60_000 },
    )
    .toBe(ownId);
  await expect(page.getByTestId(TEST_IDS.predOriginal)).toHaveAttribute('data-class', /^\d$/);
  await expect(page.getByTestId('test-set-offer')).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await saveScreenshot(page, 'own-model-with-mnist-test-images');
});

test('a colour 32×32 own model: no drawing pad, the CIFAR-10 test images offered', async ({
  page,
}) => {
  await openReady(page);
  await bringDense(page, [32, 32, 3]);
  const panelNote = page.getByTestId('image-panel-waiting');
  await expect(panelNote).toContainText(NO_TEST_IMAGES);
  await expect(panelNote).not.toContainText('draw');
  await expect(page.getByTestId('own-image-draw')).toHaveCount(0);
  const offer = page.getByTestId('panel-image').getByTestId('test-set-offer');
  await expect(offer.getByTestId('use-test-set-cifar10')).toHaveText(
    'Use the CIFAR-10 test images',
  );
  await expect(offer.getByRole('button')).toHaveCount(1);
});
