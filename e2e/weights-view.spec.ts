/**
 * Issue 4, first-layer weights (paper Fig. 2 and 3): the view shows one unit image block per unit
 * of the layer, across its pages, for every shipped model; and for the softmax model the
 * exported numbers are the trained kernel itself, read here straight from models/.../weights.bin
 * (unit u's image is column u of the 784 x 10 kernel).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openApp, openModelImage, openTab, saveScreenshot, selectModel } from './helpers/app';
import { download, expectValidPng, expectValidSvg, parseCsv } from './helpers/exports';
import { shippedModel, shippedModels } from './helpers/models';
import { TEST_IDS } from './helpers/testIds';

const modelsDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', 'models');

interface WeightsManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
}

/** A float32 weight of a tfjs layers model, read from its model.json and weight files. */
function readWeight(modelUrl: string, name: string): { shape: number[]; values: Float32Array } {
  const modelJson = join(modelsDir, modelUrl);
  const model = JSON.parse(readFileSync(modelJson, 'utf8')) as {
    weightsManifest: { paths: string[]; weights: WeightsManifestEntry[] }[];
  };
  for (const group of model.weightsManifest) {
    const bytes = Buffer.concat(group.paths.map((p) => readFileSync(join(dirname(modelJson), p))));
    let offset = 0;
    for (const w of group.weights) {
      const count = w.shape.reduce((a, b) => a * b, 1);
      if (w.dtype !== 'float32') throw new Error(`${w.name}: ${w.dtype} weights are not handled`);
      if (w.name === name) {
        const copy = bytes.subarray(offset, offset + 4 * count);
        return {
          shape: w.shape,
          values: new Float32Array(
            copy.buffer.slice(copy.byteOffset, copy.byteOffset + copy.length),
          ),
        };
      }
      offset += 4 * count;
    }
  }
  throw new Error(`${modelUrl} has no weight ${name}`);
}

/** The unit indices shown in the left panel, over every page of the view. */
async function unitsOnAllPages(page: Page): Promise<number[]> {
  const view = page.getByTestId('weights-view');
  const panel = view.getByTestId('weights-panel-left');
  const shown: number[] = [];
  for (let pageNo = 0; pageNo < 1000; pageNo++) {
    const units = await panel
      .locator('[data-testid^="weights-unit-"]')
      .evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.unit)));
    expect(units.length, 'unit blocks on this page').toBe(
      Number(await panel.getAttribute('data-shown-units')),
    );
    shown.push(...units);
    const next = view.getByTestId('weights-next');
    if (await next.isDisabled()) return shown;
    const before = await view.getByTestId('weights-page').textContent();
    await next.click();
    await expect(view.getByTestId('weights-page')).not.toHaveText(before ?? '');
  }
  throw new Error('the pager never ends');
}

const SOFTMAX = 'mnist-softmax';

test('weights: the softmax model shows its 10 class templates, exported as the trained kernel', async ({
  page,
}) => {
  const manifest = shippedModel(SOFTMAX);
  test.skip(!manifest, `${SOFTMAX} is not in models/index.json`);
  await openModelImage(page, { modelId: SOFTMAX });
  const view = await openTab(page, 'weights');
  const panel = view.getByTestId('weights-panel-left');
  await expect(panel).toHaveAttribute('data-units', '10');
  expect(await unitsOnAllPages(page)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  await saveScreenshot(view, 'weights');

  const kernelName = 'logits/kernel';
  const kernel = readWeight(manifest?.url ?? '', kernelName);
  expect(kernel.shape).toEqual([784, 10]);
  const csv = parseCsv(await download(page, 'weights-export-csv'));
  expect(csv.header).toEqual(['model', 'unit', 'piece', 'pixel', 'value']);
  expect(csv.rows.length).toBe(784 * 10);
  // one expect for the whole table: thousands of expect calls would each be traced
  const mismatches = csv.rows
    .filter(([, unit, piece, pixel, value]) => {
      const expected = kernel.values[Number(pixel) * 10 + Number(unit)];
      return Number(piece) !== 0 || Math.fround(Number(value)) !== expected;
    })
    .slice(0, 5);
  expect(mismatches, 'CSV rows that differ from the kernel').toEqual([]);
  await expectValidSvg(page, await download(page, 'weights-export-svg'));
  expectValidPng(await download(page, 'weights-export-png'));
});

// one page for all models: a fresh page per model spent most of its time starting the engine
test('weights: every model shows one image block per unit of its first layer', async ({ page }) => {
  const models = shippedModels().filter((m) => !m.members);
  test.setTimeout(60_000 + 30_000 * models.length);
  // 40 units a page, the most the view offers: the fewest pages to step through
  await openApp(page, { backend: 'wasm', wunits: '40' });
  const paged = new Set<string>();
  for (const model of models) {
    await test.step(model.id, async () => {
      await openTab(page, 'image');
      await selectModel(page, model.id);
      await expect(page.getByTestId(TEST_IDS.predOriginal)).toHaveAttribute('data-class', /^\d+$/);
      const engine = await page.evaluate(async (id) => {
        const app = window.adversarialExplorer;
        if (!app) throw new Error('window.adversarialExplorer is missing');
        const w = await app.client.firstLayerWeights(id);
        return { units: w.units, pieces: w.pieces, kind: w.kind };
      }, model.id);
      const view = await openTab(page, 'weights');
      const panel = view.getByTestId('weights-panel-left');
      await expect(panel).toHaveAttribute('data-units', String(engine.units));
      await expect(panel).toHaveAttribute('data-pieces', String(engine.pieces));
      // the pager is stepped through once per layer layout: the many maxout models share one
      const layout = `${engine.kind} ${engine.units}x${engine.pieces}`;
      if (!paged.has(layout)) {
        paged.add(layout);
        const shown = await unitsOnAllPages(page);
        expect(shown).toEqual(Array.from({ length: engine.units }, (_, u) => u));
      }
      // every unit draws at least one image per maxout piece
      const images = await panel
        .locator('[data-testid^="weights-unit-"]')
        .first()
        .locator('canvas')
        .count();
      expect(images).toBeGreaterThanOrEqual(engine.pieces);
    });
  }
});
