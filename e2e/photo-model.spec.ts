/**
 * Issue 9, the photo model in the app: a colour photo dropped while an MNIST model is selected
 * moves the app to cifar10-conv (with a notice whose "Keep" goes back), is centre-cropped to the
 * 32x32 RGB tensor, and the page shows the engine's own clean and FGSM predictions for it; "Try
 * a photo" loads a sample; and the CIFAR-10 test set is browsable and every view draws for it.
 * No class is asserted for the photos: the model is retrained, only engine agreement counts.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seriousA11yViolations } from './helpers/a11y';
import { openApp, openModelImage, openTab, saveScreenshot, selectImage } from './helpers/app';
import { dropFile } from './helpers/dropFile';
import { shippedModel } from './helpers/models';
import { TEST_IDS } from './helpers/testIds';

const PHOTO_MODEL = 'cifar10-conv';
const EPS = 0.03;
const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const samplePng = (name: string) => [...readFileSync(join(repoRoot, 'public', 'samples', name))];

test.skip(!shippedModel(PHOTO_MODEL), `${PHOTO_MODEL} is not in models/index.json`);

const currentModelId = (page: Page) =>
  page.evaluate(() => window.adversarialExplorer?.currentModelId?.() ?? null);

const modelTitle = (id: string) => shippedModel(id)?.title ?? id;

/** The engine's verdict on the image the app shows now: predict, and FGSM at `eps`. */
async function engineVerdict(page: Page, modelId: string, eps: number) {
  return page.evaluate(
    async ({ modelId, eps }) => {
      const app = window.adversarialExplorer;
      const current = app?.currentImage?.();
      if (!app || !current) throw new Error('no current image');
      const [clean] = (await app.client.predict(modelId, [current.image])).result;
      const { result } = await app.client.attack(modelId, current.image, {
        mode: 'fgsm',
        eps,
        labelSource: 'predicted',
      });
      if (!clean) throw new Error('no prediction');
      return {
        shape: [current.image.height, current.image.width, current.image.channels],
        clean: clean.predictedClass,
        cleanConfidence: clean.confidence,
        attacked: result.attacked.predictedClass,
        attackedConfidence: result.attacked.confidence,
      };
    },
    { modelId, eps },
  );
}

/** Waits until the shown attack result is for the own picture on `modelId` at `eps`. */
async function expectOwnOutcome(page: Page, modelId: string, eps: number): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const s = window.adversarialExplorer?.state?.() as
          { attackOutcome: { modelId: string; eps: number; own?: unknown } | null } | undefined;
        const o = s?.attackOutcome;
        return o?.own ? `${o.modelId}@${o.eps}` : 'none';
      }),
    )
    .toBe(`${modelId}@${eps}`);
}

test.describe('photos and the photo model', () => {
  test('a dropped colour photo switches to cifar10-conv; the page shows the engine’s predictions; Keep goes back', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await openApp(page, { backend: 'wasm' });
    await expect(page.getByTestId(TEST_IDS.predOriginal)).toHaveAttribute('data-class', /^\d+$/);
    const previous = await currentModelId(page);
    if (!previous) throw new Error('no model loaded');
    expect(shippedModel(previous)?.preprocessing.recipe).toBe('mnist');

    await dropFile(page, samplePng('chelsea.png'), 'chelsea.png', 'image/png');
    await expect(page.getByTestId('own-image-status')).toContainText('chelsea.png');
    const notice = page.getByTestId('model-switch-notice');
    await expect(notice).toContainText(`Switched to ${modelTitle(PHOTO_MODEL)} for photos`);
    const keep = notice.getByRole('button', { name: `Keep ${modelTitle(previous)}` });
    await expect(keep).toBeVisible();
    await expect.poll(() => currentModelId(page), { timeout: 60_000 }).toBe(PHOTO_MODEL);
    await expect(page.getByTestId(TEST_IDS.modelSelect)).toHaveValue(PHOTO_MODEL);
    expect(new URL(page.url()).searchParams.get('model')).toBe(PHOTO_MODEL);

    // the preview shows the 32x32 colour centre crop
    await expect(page.getByTestId('own-image-tensor-size')).toContainText('32×32 RGB');
    await expect(page.getByTestId('own-image-tensor')).toBeVisible();

    // FGSM at EPS, set in the UI; the shown predictions are the engine's for the same pixels
    await page.getByTestId(TEST_IDS.attackMode).selectOption('fgsm');
    await page.getByTestId(TEST_IDS.epsSlider).fill(String(EPS));
    await expectOwnOutcome(page, PHOTO_MODEL, EPS);
    const verdict = await engineVerdict(page, PHOTO_MODEL, EPS);
    expect(verdict.shape).toEqual([32, 32, 3]);
    const original = page.getByTestId(TEST_IDS.predOriginal);
    const adversarial = page.getByTestId(TEST_IDS.predAdversarial);
    await expect(original).toHaveAttribute('data-class', String(verdict.clean));
    await expect(adversarial).toHaveAttribute('data-class', String(verdict.attacked));
    expect(Number(await adversarial.getAttribute('data-confidence'))).toBeCloseTo(
      verdict.attackedConfidence,
      5,
    );
    await expect(page.getByTestId(TEST_IDS.errorBanner)).toHaveCount(0);
    // the notice, its buttons and the sample photos pass axe's serious rules
    expect(await seriousA11yViolations(page)).toEqual([]);
    // tall enough to show the sidebar's preview of the 32x32 crop beside the views
    await page.setViewportSize({ width: 1280, height: 1250 });
    await saveScreenshot(page, 'photo-cifar');
    await page.setViewportSize({ width: 1280, height: 900 });

    // "Keep <previous>": the same picture goes back to the previous model's greyscale recipe
    await keep.click();
    await expect(notice).toHaveCount(0);
    await expect.poll(() => currentModelId(page), { timeout: 60_000 }).toBe(previous);
    await expect(page.getByTestId('own-image-tensor-size')).toContainText('28×28 grey');
    await expect(page.getByTestId('own-image-status')).toContainText('chelsea.png');
    await expect.poll(() => new URL(page.url()).searchParams.get('model')).toBe(previous);
    await expect(page.getByTestId(TEST_IDS.errorBanner)).toHaveCount(0);
  });

  test('"Try a photo" loads a sample photo through the same intake', async ({ page }) => {
    await openApp(page, { backend: 'wasm' });
    const coffee = page.getByRole('button', { name: 'Try the coffee photo (coffee.png)' });
    await expect(coffee).toBeVisible();
    await expect(page.getByRole('group', { name: 'Try a photo' }).getByRole('button')).toHaveCount(
      3,
    );
    await coffee.click();
    await expect(page.getByTestId('own-image-status')).toContainText('coffee.png');
    await expect.poll(() => currentModelId(page), { timeout: 60_000 }).toBe(PHOTO_MODEL);
    await expect(page.getByTestId('own-image-tensor-size')).toContainText('32×32 RGB');
    // where a close-up is misread, the panel says why
    await expect(page.getByTestId('own-image-closeup-note')).toContainText('whole objects');
    await expectOwnOutcome(
      page,
      PHOTO_MODEL,
      Number(await page.getByTestId(TEST_IDS.epsSlider).inputValue()),
    );
    await expect(page.getByTestId(TEST_IDS.errorBanner)).toHaveCount(0);
  });

  test('the CIFAR-10 test set is browsable, in colour, and every view draws for it', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await openModelImage(page, { modelId: PHOTO_MODEL });
    await expect(page.getByTestId('test-set-source')).toContainText('CIFAR-10 test set');
    await expect(page.getByTestId('test-set-source')).toContainText('10,000 images');

    // the file is sorted by class (1,000 each): the picker walks one image of each class in turn
    await expect(page.getByTestId('test-set-order')).toContainText('one of each class in turn');
    const index = page.getByTestId(TEST_IDS.imageSelect);
    const label = page.getByTestId('image-label');
    await selectImage(page, 1234);
    await expect(label).toHaveText('label automobile');
    await page.getByTestId('image-next').click();
    await expect(index).toHaveValue('2234');
    await expect(label).toHaveText('label bird');
    await page.getByTestId('image-prev').click();
    await page.getByTestId('image-prev').click();
    await expect(index).toHaveValue('234');
    await expect(label).toHaveText('label airplane');
    const pageLabels = await page.locator('.ae-thumb__label').allTextContents();
    expect(new Set(pageLabels.slice(0, 10)).size).toBe(10);
    await page.getByTestId('image-random').click();
    await expect(page.getByTestId(TEST_IDS.predOriginal)).toHaveAttribute('data-class', /^\d+$/);

    // thumbnails: colour canvases at their own 32x32, enlarged crisply to a readable size
    const thumb = page.locator('.ae-thumb canvas').first();
    const look = await thumb.evaluate((el) => {
      const c = el as HTMLCanvasElement;
      return {
        size: [c.width, c.height],
        shown: c.getBoundingClientRect().width,
        rendering: getComputedStyle(c).imageRendering,
      };
    });
    expect(look.size).toEqual([32, 32]);
    expect(look.shown).toBeGreaterThanOrEqual(48);
    expect(look.rendering).toBe('pixelated');
    // in colour: over the page's thumbnails (one CIFAR-10 picture may be grey), once painted
    await expect
      .poll(() =>
        page.locator('.ae-thumb canvas').evaluateAll((els) => {
          let chroma = 0;
          for (const el of els) {
            const c = el as HTMLCanvasElement;
            const px = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
            for (let i = 0; i < px.length; i += 4) {
              const [r = 0, g = 0, b = 0] = [px[i], px[i + 1], px[i + 2]];
              chroma += Math.max(r, g, b) - Math.min(r, g, b);
            }
          }
          return chroma;
        }),
      )
      .toBeGreaterThan(0);
    await page
      .getByRole('region', { name: 'Test image' })
      .screenshot({ path: 'e2e/artifacts/screens/picker-cifar.png' });

    const ready: Record<string, () => Promise<void>> = {
      image: () => expect(page.getByTestId(TEST_IDS.predAdversarial)).toBeVisible(),
      sweep: () => expect(page.locator('[data-testid^="sweep-line-"]').first()).toBeVisible(),
      'cross-section': () =>
        expect(page.locator('[data-testid^="xsec-progress-"]')).toHaveCount(0, {
          timeout: 90_000,
        }),
      weights: () => expect(page.getByTestId('weights-panel-left')).toBeVisible(),
    };
    for (const [tab, isReady] of Object.entries(ready)) {
      await openTab(page, tab);
      await isReady();
      await expect(page.getByTestId(TEST_IDS.errorBanner)).toHaveCount(0);
      if (tab === 'weights') await saveScreenshot(page, 'weights-cifar');
    }
    // colour filters have a caption of their own; per channel, the diverging map's
    const caption = page.getByTestId('notice-weights');
    await expect(caption).toContainText('red, green and blue weights drawn as those colours');
    await expect(caption).not.toContainText('red weights respond to bright pixels');
    await page.getByTestId('weights-rgb-mode').selectOption('channels');
    await expect(caption).toContainText('red weights respond to bright pixels, blue ones to dark');
  });
});
