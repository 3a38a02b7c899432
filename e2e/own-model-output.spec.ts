/**
 * Own models as people bring them (issue 14): a converted face-emotion classifier whose graph
 * ends in Softmax -> Identity (a fixture written in the converter's format at test time) shows
 * its own probabilities (happy ≈ 100%, not e / (e + 6) = 31%); the user can read the output
 * otherwise; its grey input keeps a colour photo (no switch to the CIFAR-10 model); it is named
 * after its file, uniquely; its class names are typed; a stale error goes when the input changes.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { saveScreenshot } from './helpers/app';
import {
  asInputFiles,
  currentModelId,
  openDialog,
  openReady,
  useChelsea,
} from './helpers/ownModel';
import { TEST_IDS } from './helpers/testIds';
import { graphModelFiles } from '../src/engine/worker/ownModelGraphFixtures';

/** the emotion fixture as the user's files: emotion.json + its weight file */
function emotionFiles() {
  const { 'model.json': json, ...weights } = graphModelFiles('softmax-identity');
  return asInputFiles({ 'emotion.json': json as Uint8Array, ...weights });
}

async function confidence(page: Page): Promise<number> {
  const text = (await page.getByTestId(TEST_IDS.predOriginal).textContent()) ?? '';
  return Number(/([\d.]+)%/.exec(text)?.[1] ?? NaN);
}

test('a Softmax -> Identity model shows its own probabilities; a colour photo stays on it', async ({
  page,
}) => {
  await openReady(page);
  await openDialog(page);
  await page.getByTestId('own-model-files').setInputFiles(emotionFiles());
  await expect(page.getByTestId('own-model-summary')).toContainText('ends in Softmax → Identity');
  await expect(page.getByTestId('own-model-name')).toHaveValue('emotion');
  const typed = page.getByTestId('own-model-classes-text');
  await typed.fill('angry, disgust, fear, happy, sad, surprise');
  await page.getByTestId('own-model-load').click();
  const error = page.getByTestId('own-model-error');
  await expect(error).toContainText('the typed list has 6 names but the model has 7 outputs', {
    timeout: 60_000,
  });
  // the right list: the old error goes at once
  await typed.fill('angry, disgust, fear, happy, sad, surprise, neutral');
  await expect(error).toBeHidden();
  await expect(page.getByTestId('own-model-classes-info')).toContainText('7 class names');
  await page.getByTestId('own-model-load').click();
  await expect(page.getByTestId('own-model-dialog')).toBeHidden({ timeout: 60_000 });
  await expect.poll(() => currentModelId(page), { timeout: 60_000 }).toMatch(/^own-/);
  const modelId = await currentModelId(page);
  const picker = page.getByTestId(TEST_IDS.modelSelect);
  await expect(picker.locator('option:checked')).toHaveText(/^emotion \(your model\)/);
  await expect(page.getByTestId('own-output-kind')).toHaveText('probabilities (softmax)');
  await expect(page.getByTestId('model-info')).toContainText('Softmax → Identity');

  // a colour photo on the grey model: made grey for it, no switch to the photo model
  await useChelsea(page);
  await expect(page.getByTestId('own-image-tensor-size')).toContainText('4×4 grey');
  expect(await currentModelId(page)).toBe(modelId);
  await expect(page.getByTestId('model-switch-notice')).toHaveCount(0);
  await expect(page.getByTestId(TEST_IDS.predOriginal)).toContainText('happy', { timeout: 60_000 });
  expect(await confidence(page)).toBeGreaterThan(99);
  await saveScreenshot(page, 'own-model-probabilities');

  // read as logits on request: softmax(p), what the bug showed
  await page.getByTestId('own-output-choice').selectOption('logits');
  await expect(page.getByTestId('own-output-kind')).toHaveText('logits', { timeout: 60_000 });
  await expect.poll(() => confidence(page), { timeout: 60_000 }).toBeLessThan(40);
  expect(await currentModelId(page)).toBe(modelId);

  // the same files again: a unique name
  await openDialog(page);
  await page.getByTestId('own-model-files').setInputFiles(emotionFiles());
  await expect(page.getByTestId('own-model-name')).toHaveValue('emotion');
  await page.getByTestId('own-model-load').click();
  await expect(page.getByTestId('own-model-dialog')).toBeHidden({ timeout: 60_000 });
  await expect(picker.locator('option:checked')).toHaveText(/^emotion \(2\) \(your model\)/);
});
