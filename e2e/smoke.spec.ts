/**
 * The app loads, starts its engine worker and says which backend it chose; the main thread never
 * loads tfjs (issue 2: "a test checks that the main bundle does not contain it").
 */
import { expect, test } from './fixtures';
import { allAssetScripts, mainThreadClosure, readDistFile } from './helpers/dist';
import { saveScreenshot } from './helpers/app';
import { waitForEngine } from './helpers/engine';
import { TEST_IDS } from './helpers/testIds';

/** Strings only tfjs-core's bundle carries: its URL flag parameter and one of its flag names. */
const TFJS_MARKERS = ['tfjsflags', 'KEEP_INTERMEDIATE_TENSORS'];

function hasTfjs(code: string): boolean {
  return TFJS_MARKERS.some((marker) => code.includes(marker));
}

test('the app loads without errors, shows its backend and runs FGSM on the default model', async ({
  page,
  problems,
}) => {
  await page.goto('./');
  const info = await waitForEngine(page);
  expect(info.candidates.length).toBeGreaterThan(0);
  await expect(page.getByTestId(TEST_IDS.backendName)).toContainText(info.active);
  const adapter = page.getByTestId(TEST_IDS.backendAdapter);
  await expect(adapter).toBeVisible();
  if (info.adapter) await expect(adapter).toContainText(info.adapter);
  // the default model loads and the first FGSM result arrives
  for (const testId of [TEST_IDS.predOriginal, TEST_IDS.predAdversarial]) {
    await expect(page.getByTestId(testId)).toHaveAttribute('data-class', /^\d+$/, {
      timeout: 60_000,
    });
  }
  await expect(page.getByTestId(TEST_IDS.lastOpMs)).toHaveText(/^\d+(\.\d+)?$/);
  await expect(page.getByTestId(TEST_IDS.errorBanner)).toHaveCount(0);
  await saveScreenshot(page, 'app');
  expect(problems.consoleErrors, 'console errors').toEqual([]);
  expect(
    problems.failedRequests.filter((r) => !r.includes('favicon')),
    'failed requests',
  ).toEqual([]);
});

test('served cross-origin isolated (COOP/COEP), the wasm engine starts and gives the same FGSM', async ({
  page,
  problems,
}) => {
  // tfjs-backend-wasm would pick its threaded build there, whose minified thread workers never
  // started: the engine hung. The same numbers as on a plain page show it runs as usual.
  const shown = async (): Promise<string[]> => {
    await waitForEngine(page);
    const texts: string[] = [];
    for (const testId of [TEST_IDS.predOriginal, TEST_IDS.predAdversarial]) {
      const caption = page.getByTestId(testId);
      await expect(caption).toHaveAttribute('data-class', /^\d+$/, { timeout: 60_000 });
      texts.push(await caption.evaluate((el: HTMLElement) => JSON.stringify(el.dataset)));
    }
    return texts;
  };
  await page.goto('./?backend=wasm');
  const plain = await shown();
  await page.goto('./isolated/?backend=wasm');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const info = await waitForEngine(page);
  expect(info.active).toBe('wasm');
  expect(await shown()).toEqual(plain);
  await expect(page.getByTestId(TEST_IDS.errorBanner)).toHaveCount(0);
  expect(problems.consoleErrors, 'console errors').toEqual([]);
});

test('tfjs is in a worker chunk, never in the code the page itself runs', () => {
  const mainScripts = mainThreadClosure();
  expect(mainScripts.length, 'dist/index.html loads no module script').toBeGreaterThan(0);
  for (const script of mainScripts) {
    expect(hasTfjs(readDistFile(script)), `${script} contains tfjs`).toBe(false);
  }
  // the markers must be findable at all, or the check above proves nothing
  const withTfjs = allAssetScripts().filter((script) => hasTfjs(readDistFile(script)));
  expect(withTfjs.length, 'no chunk contains tfjs; the markers are out of date').toBeGreaterThan(0);
  for (const script of withTfjs) expect(mainScripts).not.toContain(script);
});
