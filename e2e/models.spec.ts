/**
 * Issue 3: every model models/index.json lists loads in the browser and an attack runs on it:
 * the page shows the clean and the adversarial prediction, with no error. The list is read at
 * collection time, so a model added to the index is tested without touching this file.
 */
import { probabilitiesSumToOne } from '../src/models/manifest';
import { expect, test } from './fixtures';
import { openApp } from './helpers/app';
import { shippedModels } from './helpers/models';
import { TEST_IDS } from './helpers/testIds';

const models = shippedModels();

test('models/index.json lists at least one model', () => {
  expect(models.length).toBeGreaterThan(0);
});

// one page for all models: a fresh page per model spent most of its time starting the engine
test('every listed model loads and is attacked in the browser', async ({ page }) => {
  test.setTimeout(60_000 + 30_000 * models.length);
  await openApp(page, { backend: 'wasm' });
  const picker = page.getByTestId(TEST_IDS.modelSelect);
  for (const model of models) {
    await test.step(model.id, async () => {
      await expect(
        picker.locator(`option[value="${model.id}"]`),
        'offered by the picker',
      ).toHaveCount(1);
      await picker.selectOption(model.id);
      await expect
        .poll(() => page.evaluate(() => window.adversarialExplorer?.currentModelId?.()), {
          timeout: 60_000,
        })
        .toBe(model.id);
      const classCount = String(model.classNames.length);
      for (const testId of [TEST_IDS.predOriginal, TEST_IDS.predAdversarial]) {
        const prediction = page.getByTestId(testId);
        await expect(prediction).toBeVisible({ timeout: 60_000 });
        await expect(prediction).toHaveAttribute('data-class', /^\d+$/, { timeout: 60_000 });
        // class and confidence are read together: they are one result
        const shown = await prediction.evaluate((el: HTMLElement) => ({ ...el.dataset }));
        const shownClass = Number(shown.class);
        expect(shownClass, `${testId} is a class of ${model.id} (of ${classCount})`).toBeLessThan(
          model.classNames.length,
        );
        const confidence = Number(shown.confidence);
        expect(confidence).toBeGreaterThan(0);
        expect(confidence).toBeLessThanOrEqual(1);
      }
      // an RBF model's probabilities are exp(s), unnormalised: the page says so, only for it
      await expect(page.getByTestId('unnormalised-note')).toHaveCount(
        probabilitiesSumToOne(model.output) ? 0 : 1,
      );
      await expect(page.getByTestId('model-info')).toContainText('parameters');
      await expect(page.getByTestId(TEST_IDS.errorBanner)).toHaveCount(0);
    });
  }
});
