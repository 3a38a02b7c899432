/**
 * Issue 4, cross-section maps: for a trained model each map shows more than one class (the
 * adversarial direction crosses a class boundary within eps), its centre cell (the clean image,
 * half a grid step away for an even resolution) has the clean prediction, and the map drawn is
 * the engine's: the spec asks the engine (through window.adversarialExplorer) for the same
 * cross-section and compares the CSV export cell by cell and the canvas pixel by pixel.
 */
import type { Page } from '@playwright/test';
import { classMapToRgba } from '../src/shared/colormaps';
import { centreCell } from '../src/shared/crossSectionGrid';
import { expect, test } from './fixtures';
import { openModelImage, openTab, saveScreenshot } from './helpers/app';
import { download, expectValidPng, expectValidSvg, parseCsv } from './helpers/exports';
import { shippedModel } from './helpers/models';
import { mnistTestImage } from './helpers/testImages';

const MODEL_ID = 'mnist-softmax';
const IMAGE_INDEX = 0;
const RESOLUTION = 24;
const MAPS = 2;

interface EngineMap {
  predictedClass: number[];
  confidence: number[];
  clean: number;
}

/** The engine's cross-section of MNIST test image `index` and its clean prediction. */
async function engineMap(
  page: Page,
  index: number,
  params: { epsMax: number; seed: number },
): Promise<EngineMap> {
  const img = mnistTestImage(index);
  return page.evaluate(
    async ({ modelId, img, params, resolution }) => {
      const app = window.adversarialExplorer;
      if (!app) throw new Error('window.adversarialExplorer is missing');
      const image = { ...img, data: new Float32Array(img.data) };
      const { result } = await app.client.crossSection(modelId, image, {
        ...params,
        resolution,
        labelSource: 'true',
        trueLabel: img.label,
        clip: [0, 1],
      });
      const predicted = await app.client.predict(modelId, [image]);
      return {
        predictedClass: Array.from(result.predictedClass),
        confidence: Array.from(result.confidence),
        clean: predicted.result[0]?.predictedClass ?? -1,
      };
    },
    { modelId: MODEL_ID, img, params, resolution: RESOLUTION },
  );
}

/** The class map a map's canvas shows, as RGBA bytes. */
async function canvasRgba(page: Page, mapIndex: number): Promise<number[]> {
  return page
    .getByTestId(`xsec-map-${mapIndex}`)
    .locator('canvas')
    .first()
    .evaluate((el) => {
      const c = el as HTMLCanvasElement;
      return Array.from(c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? []);
    });
}

test.skip(!shippedModel(MODEL_ID), `${MODEL_ID} is not in models/index.json`);

test('cross-section: maps show several classes, the clean class at the centre, the engine numbers', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openModelImage(page, { modelId: MODEL_ID, index: IMAGE_INDEX });
  await page.getByTestId('label-source-true').check();
  const view = await openTab(page, 'cross-section');
  await view.getByTestId('xsec-resolution').selectOption(String(RESOLUTION));
  await view.getByTestId('xsec-count').selectOption(String(MAPS));
  for (let m = 0; m < MAPS; m++) await expect(view.getByTestId(`xsec-map-${m}`)).toBeVisible();
  await expect(view.locator('[data-testid^="xsec-progress-"]')).toHaveCount(0, { timeout: 60_000 });
  await expect(view.getByTestId('xsec-export-csv')).toBeEnabled();
  const seed = Number((await view.getByTestId('xsec-seed').textContent())?.match(/-?\d+/)?.[0]);
  expect(Number.isInteger(seed), 'the view shows its seed').toBe(true);

  const csv = parseCsv(await download(page, 'xsec-export-csv'));
  const col = (name: string) => {
    const i = csv.header.indexOf(name);
    expect(i, `CSV column ${name}`).toBeGreaterThanOrEqual(0);
    return i;
  };
  const [mapCol, indexCol, classCol, confCol, epsHCol] = [
    col('map'),
    col('image_index'),
    col('class'),
    col('confidence'),
    col('eps_h'),
  ];
  expect(csv.rows.length).toBe(MAPS * RESOLUTION * RESOLUTION);
  const epsMax = Math.max(...csv.rows.map((r) => Number(r[epsHCol])));
  const centre = centreCell(RESOLUTION);

  for (let m = 0; m < MAPS; m++) {
    const rows = csv.rows.filter((r) => Number(r[mapCol]) === m);
    expect(rows.length, `cells of map ${m}`).toBe(RESOLUTION * RESOLUTION);
    const imageIndex = Number(rows[0]?.[indexCol]);
    if (m === 0) expect(imageIndex, 'the first map is of the selected image').toBe(IMAGE_INDEX);
    const classes = rows.map((r) => Number(r[classCol]));
    const confidences = rows.map((r) => Math.fround(Number(r[confCol])));

    expect(new Set(classes).size, `classes in map ${m}`).toBeGreaterThan(1);
    const engine = await engineMap(page, imageIndex, { epsMax, seed });
    expect(classes[centre.row * RESOLUTION + centre.col], `centre cell of map ${m}`).toBe(
      engine.clean,
    );
    expect(classes, `map ${m}: classes as the engine computes them`).toEqual(engine.predictedClass);
    expect(confidences, `map ${m}: confidences`).toEqual(engine.confidence);

    // the canvas shows one pixel per cell in the class colours, the true class white
    const trueLabel = mnistTestImage(imageIndex).label;
    expect(await canvasRgba(page, m), `map ${m}: canvas`).toEqual(
      Array.from(classMapToRgba(engine.predictedClass, trueLabel)),
    );
  }

  await expectValidSvg(page, await download(page, 'xsec-export-svg'));
  expectValidPng(await download(page, 'xsec-export-png'));
  await saveScreenshot(view, 'cross-section');
});
