/**
 * Issue 4, cross-section maps: for a trained model each map shows more than one class (the
 * adversarial direction crosses a class boundary within eps), its centre cell (the clean image,
 * half a grid step away for an even resolution) has the clean prediction, and the map drawn is
 * the engine's: the spec asks the engine (through window.adversarialExplorer) for the same
 * cross-section and compares the CSV export cell by cell and the canvas pixel by pixel. Issue 17:
 * by default each image's FGSM × random map has its random × random map beside it, the same
 * image and seed, both checked the same way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
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
/** both planes by default: a block of MAPS FGSM maps, then their MAPS random partners */
const PLANES = ['fgsm', 'random'] as const;

interface EngineMap {
  predictedClass: number[];
  confidence: number[];
  clean: number;
}

/** The engine's cross-section of MNIST test image `index` and its clean prediction. */
async function engineMap(
  page: Page,
  index: number,
  params: { epsMax: number; seed: number; horizontal: 'fgsm' | 'random' },
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
  await expect(view.getByTestId('xsec-horizontal-both')).toBeChecked();
  const total = MAPS * PLANES.length;
  for (let m = 0; m < total; m++) await expect(view.getByTestId(`xsec-map-${m}`)).toBeVisible();
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
  const [mapCol, planeCol, indexCol, classCol, confCol, epsHCol] = [
    col('map'),
    col('horizontal'),
    col('image_index'),
    col('class'),
    col('confidence'),
    col('eps_h'),
  ];
  expect(csv.rows.length).toBe(total * RESOLUTION * RESOLUTION);
  const epsMax = Math.max(...csv.rows.map((r) => Number(r[epsHCol])));
  const centre = centreCell(RESOLUTION);

  const imageOfMap: number[] = [];
  for (let m = 0; m < total; m++) {
    const rows = csv.rows.filter((r) => Number(r[mapCol]) === m);
    expect(rows.length, `cells of map ${m}`).toBe(RESOLUTION * RESOLUTION);
    const imageIndex = Number(rows[0]?.[indexCol]);
    imageOfMap.push(imageIndex);
    const horizontal = PLANES[Math.floor(m / MAPS)] ?? 'fgsm';
    expect(rows[0]?.[planeCol], `map ${m}'s plane`).toBe(horizontal);
    await expect(view.getByTestId(`xsec-map-${m}`)).toHaveAttribute('data-plane', horizontal);
    // a random map is of the same image as the FGSM map it stands beside
    if (m >= MAPS) expect(imageIndex, `map ${m}'s image`).toBe(imageOfMap[m - MAPS]);
    if (m === 0) expect(imageIndex, 'the first map is of the selected image').toBe(IMAGE_INDEX);
    const classes = rows.map((r) => Number(r[classCol]));
    const confidences = rows.map((r) => Math.fround(Number(r[confCol])));

    // along the gradient sign the class changes within the range; random maps may not change
    if (horizontal === 'fgsm')
      expect(new Set(classes).size, `classes in map ${m}`).toBeGreaterThan(1);
    const engine = await engineMap(page, imageIndex, { epsMax, seed, horizontal });
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

  // the exported figure says which map of each pair is which
  const svg = await download(page, 'xsec-export-svg');
  await expectValidSvg(page, svg);
  const svgText = svg.bytes.toString('utf8');
  for (const label of ['FGSM × random', 'random × random'])
    expect(svgText.match(new RegExp(`>${label}</text>`, 'g')), label).toHaveLength(MAPS);
  const png = await download(page, 'xsec-export-png');
  expectValidPng(png);
  mkdirSync('e2e/artifacts/exports', { recursive: true });
  writeFileSync('e2e/artifacts/exports/cross-section-pairs.png', png.bytes);
  await saveScreenshot(view, 'cross-section');

  // keyboard: a random map of a pair is reached with Tab from its FGSM map and loads its point
  const fgsmMap = view.getByTestId('xsec-map-0');
  await fgsmMap.focus();
  await page.keyboard.press('Tab');
  const randomMap = view.getByTestId(`xsec-map-${MAPS}`);
  await expect(randomMap).toBeFocused();
  await expect(randomMap).toHaveAttribute('aria-label', /^random × random, #0/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('probe-note')).toContainText('random-sign direction');
  // its caption gives the point's own distance, not the ε slider's
  const caption = page.getByTestId('notice-image');
  await expect(caption).toContainText(/This cross-section point lies [\d.]+ from test image \d+/);
  await expect(caption).not.toContainText('Every pixel moved by at most');
});
