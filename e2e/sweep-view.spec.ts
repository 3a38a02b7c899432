/**
 * Issue 4, the eps-sweep (paper Fig. 4): the chart plots exactly the engine's numbers. For a
 * fixed model and image the spec asks the engine itself (through window.adversarialExplorer) for
 * the sweep with the parameters set in the UI, then checks every plotted line: its values equal
 * the engine's float32 logits (and probabilities) and its drawn points are a linear scale of
 * (eps, value). The exports are a well-formed SVG, PNG and CSV holding the same numbers.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openModelImage, openTab, saveScreenshot } from './helpers/app';
import { download, expectValidPng, expectValidSvg, parseCsv } from './helpers/exports';
import { shippedModel } from './helpers/models';
import { affineResidual, pathPoints } from './helpers/svgPath';

const MODEL_ID = 'mnist-softmax';
const IMAGE_INDEX = 0;
const EPS_MAX = 0.3;
const POINTS = 61;

interface EngineSweep {
  eps: number[];
  numClasses: number;
  logits: number[];
  probabilities: number[];
}

/** The sweep as the engine computes it for the image the app shows (no clipping, as Fig. 4). */
async function engineSweep(page: Page): Promise<EngineSweep> {
  return page.evaluate(
    async ({ modelId, epsMax, points }) => {
      const app = window.adversarialExplorer;
      const current = app?.currentImage?.();
      if (!app || !current) throw new Error('no image shown');
      const { result } = await app.client.sweep(modelId, current.image, {
        epsMax,
        points,
        labelSource: 'true',
        trueLabel: current.label,
      });
      return {
        eps: Array.from(result.eps),
        numClasses: result.numClasses,
        logits: Array.from(result.logits),
        probabilities: Array.from(result.probabilities),
      };
    },
    { modelId: MODEL_ID, epsMax: EPS_MAX, points: POINTS },
  );
}

interface PlottedLine {
  cls: number;
  values: number[];
  d: string;
}

async function plottedLines(page: Page): Promise<PlottedLine[]> {
  return page.locator('[data-testid^="sweep-line-"]').evaluateAll((paths) =>
    paths.map((p) => ({
      cls: Number(p.getAttribute('data-class')),
      values: (p.getAttribute('data-values') ?? '').split(',').map(Number),
      d: p.getAttribute('d') ?? '',
    })),
  );
}

function column(values: number[], numClasses: number, cls: number): number[] {
  return values.filter((_, i) => i % numClasses === cls);
}

/** Every line shows the engine's float32 numbers for its class, drawn on linear scales. */
function expectLinesMatch(lines: PlottedLine[], sweep: EngineSweep, values: number[]): void {
  expect(lines.length, 'plotted classes').toBe(sweep.numClasses);
  const allX: number[] = [];
  const allEps: number[] = [];
  const allY: number[] = [];
  const allValues: number[] = [];
  for (const line of lines) {
    const expected = column(values, sweep.numClasses, line.cls);
    // the view writes float32 values with as few digits as round-trip exactly
    expect(line.values.map(Math.fround), `class ${line.cls}`).toEqual(expected);
    const points = pathPoints(line.d);
    expect(points.length, `points drawn for class ${line.cls}`).toBe(sweep.eps.length);
    points.forEach(([x, y], i) => {
      allX.push(x);
      allY.push(y);
      allEps.push(sweep.eps[i] ?? NaN);
      allValues.push(expected[i] ?? NaN);
    });
  }
  // one x scale and one y scale for every line: drawn position = a * value + b, to 0.5 px
  expect(affineResidual(allEps, allX), 'x is a linear scale of eps').toBeLessThan(0.5);
  expect(affineResidual(allValues, allY), 'y is a linear scale of the value').toBeLessThan(0.5);
}

test.skip(!shippedModel(MODEL_ID), `${MODEL_ID} is not in models/index.json`);

test('sweep: the plotted logits and probabilities are the engine output', async ({ page }) => {
  test.setTimeout(120_000);
  await openModelImage(page, { modelId: MODEL_ID, index: IMAGE_INDEX });
  await page.getByTestId('label-source-true').check();
  const view = await openTab(page, 'sweep');

  await view.getByTestId('sweep-eps-max').fill(String(EPS_MAX));
  await view.getByTestId('sweep-points').fill(String(POINTS));
  await view.getByTestId('sweep-apply').click();
  const firstLine = view.locator('[data-testid^="sweep-line-"]').first();
  await expect
    .poll(async () => ((await firstLine.getAttribute('data-values')) ?? '').split(',').length)
    .toBe(POINTS);
  await expect(view.getByTestId('sweep-loading')).toHaveCount(0);

  const sweep = await engineSweep(page);
  expect(sweep.eps[0]).toBeCloseTo(-EPS_MAX, 6);
  expect(sweep.eps[POINTS - 1]).toBeCloseTo(EPS_MAX, 6);

  await view.getByTestId('sweep-mode-logits').check();
  await expect(async () => expectLinesMatch(await plottedLines(page), sweep, sweep.logits)).toPass({
    timeout: 10_000,
  });
  await saveScreenshot(view, 'sweep');

  // the CSV holds every class's numbers for every eps of the grid
  const csv = parseCsv(await download(page, 'sweep-export-csv'));
  expect(csv.header[0]).toBe('eps');
  expect(csv.header.length).toBe(1 + sweep.numClasses);
  expect(csv.rows.map((r) => Math.fround(Number(r[0])))).toEqual(sweep.eps);
  for (let cls = 0; cls < sweep.numClasses; cls++) {
    expect(
      csv.rows.map((r) => Math.fround(Number(r[cls + 1]))),
      `CSV column of class ${cls}`,
    ).toEqual(column(sweep.logits, sweep.numClasses, cls));
  }
  await expectValidSvg(page, await download(page, 'sweep-export-svg'));
  expectValidPng(await download(page, 'sweep-export-png'));

  await view.getByTestId('sweep-mode-probabilities').check();
  await expect(async () =>
    expectLinesMatch(await plottedLines(page), sweep, sweep.probabilities),
  ).toPass({ timeout: 10_000 });
});
