/**
 * Issue 17 item 1, as a lecturer uses it: the explorer opens on the paper's maxout network; the
 * image does not move when the attack changes (the loss-label control stays, disabled for noise);
 * the Compare tab shows the same image and eps under FGSM, ±eps sign noise and uniform noise, for
 * the selected model and its adversarially trained twin, each cell the engine's own answer.
 */
import { expect, test } from './fixtures';
import { openApp, openTab, saveScreenshot } from './helpers/app';
import { currentImage } from './helpers/engine';
import { TEST_IDS } from './helpers/testIds';

const MODES = ['fgsm', 'random-sign', 'uniform'] as const;

test('opens on the maxout network, and the images stay put when the attack changes', async ({
  page,
}) => {
  await openApp(page, { backend: 'wasm' });
  await expect(page.getByTestId(TEST_IDS.modelSelect)).toHaveValue('mnist-maxout');
  await expect(page.getByTestId(TEST_IDS.predAdversarial)).toHaveAttribute('data-class', /^\d+$/);
  const original = page.getByTestId(TEST_IDS.imageOriginal);
  const top = async () => (await original.boundingBox())?.y;
  const before = await top();
  for (const mode of ['random-sign', 'uniform', 'targeted', 'pgd', 'fgsm']) {
    await page.getByTestId(TEST_IDS.attackMode).selectOption(mode);
    expect(await top(), `image top after choosing ${mode}`).toBe(before);
  }
});

test('compare: three attacks on two models, each cell what the engine says', async ({ page }) => {
  await openApp(page, { backend: 'wasm', image: '3', eps: '0.2' });
  const panel = await openTab(page, 'compare');
  await expect(page.getByTestId('compare-model-b')).toHaveValue('mnist-maxout-adv');
  await expect(panel.getByTestId('compare-row-a')).toContainText('Maxout network');
  // model B is loaded by the app itself
  await expect(page.getByTestId('compare-b-fgsm-pred')).toHaveAttribute('data-class', /^\d+$/);
  const image = await currentImage(page);
  if (!image) throw new Error('no current image');
  const expected = await page.evaluate(
    async ({ image, modes }) => {
      const app = window.adversarialExplorer;
      if (!app) throw new Error('window.adversarialExplorer is missing');
      const input = { ...image, data: new Float32Array(image.data) };
      const out: Record<string, number> = {};
      for (const model of ['mnist-maxout', 'mnist-maxout-adv']) {
        for (const mode of modes) {
          const { result } = await app.client.attack(model, input, {
            mode,
            eps: 0.2,
            labelSource: 'true',
            trueLabel: image.label ?? 0,
            seed: 0,
          });
          out[`${model}:${mode}`] = result.attacked.predictedClass;
          out[`${model}:clean`] = result.clean.predictedClass;
        }
      }
      return out;
    },
    { image, modes: MODES },
  );
  for (const [role, model] of [
    ['a', 'mnist-maxout'],
    ['b', 'mnist-maxout-adv'],
  ] as const) {
    await expect(page.getByTestId(`compare-${role}-clean-pred`)).toHaveAttribute(
      'data-class',
      String(expected[`${model}:clean`]),
    );
    for (const mode of MODES) {
      await expect(page.getByTestId(`compare-${role}-${mode}-pred`)).toHaveAttribute(
        'data-class',
        String(expected[`${model}:${mode}`]),
      );
    }
  }
  // one row each, cells the same size whatever they show
  const sizes = await panel
    .locator('.ae-compare-cell')
    .evaluateAll((cells) => cells.map((c) => Math.round(c.getBoundingClientRect().height)));
  expect(new Set(sizes).size, `cell heights ${sizes.join(', ')}`).toBe(1);
  await page.setViewportSize({ width: 1280, height: 1400 });
  await saveScreenshot(page.getByTestId('compare-figure'), 'compare-figure');

  // another model B, chosen in the view, lands in the link and survives a reload
  await page.getByTestId('compare-model-b').selectOption('mnist-softmax');
  await expect(page).toHaveURL(/compareModel=mnist-softmax/);
  await page.reload();
  await expect(page.getByTestId('compare-model-b')).toHaveValue('mnist-softmax');
  await expect(page.getByTestId('compare-b-fgsm-pred')).toHaveAttribute('data-class', /^\d+$/);
});
