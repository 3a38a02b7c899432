/**
 * Issue 16, the Training lab: softmax regression trained in the browser's engine worker (wasm),
 * its curves and first-layer weights updating while it learns; pause, resume and stop; the same
 * seeded run in the browser and in Node (scripts/train-lab.ts, wasm) giving the same curves and
 * weights (maxout too, its steps cut into two shares on both sides); adversarial training lowering the held-out FGSM error against plain training of the
 * same seed; and a reset run leaving no tensor in the engine. Runs are tiny (a few thousand
 * training images, labImages) to keep each test within about 20 s.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import type { TrainingResult, TrainingSpec } from '../src/engine/api';
import { expect, test } from './fixtures';
import { openApp, openTab, saveScreenshot } from './helpers/app';
import { TEST_IDS } from './helpers/testIds';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/**
 * The lab with these link fields (a whole epoch, 430 steps, unless labImages says less), beside
 * the smallest shipped model: the default's 4.8 MB load would compete with the run.
 */
const openLab = (page: Page, fields: Record<string, string> = {}) =>
  openApp(page, { view: 'train', backend: 'wasm', model: 'mnist-softmax', ...fields });

const stepOf = async (status: Locator): Promise<number> =>
  Number((await status.getAttribute('data-step')) ?? 0);

/** The first weight image's pixels, as a data URL. */
const firstWeights = (page: Page): Promise<string> =>
  page
    .getByTestId('weights-panel-left')
    .locator('canvas')
    .first()
    .evaluate((c) => (c as HTMLCanvasElement).toDataURL());

const errorPoints = async (page: Page): Promise<number> =>
  Number(
    (await page
      .getByTestId('lab-error-chart')
      .locator('[data-series="FGSM"]')
      .getAttribute('data-points')) ?? 0,
  );

const engineTensors = (page: Page): Promise<number> =>
  page.evaluate(async () =>
    window.adversarialExplorer ? (await window.adversarialExplorer.client.memory()).numTensors : -1,
  );

test('trains live: curves and weights update; pause, resume, stop; reset frees every tensor', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openLab(page);
  const before = await engineTensors(page);
  await page.getByTestId('lab-train').click();
  const status = page.getByTestId('lab-status-single');
  await expect(status).toHaveAttribute('data-state', 'training', { timeout: 60_000 });
  await expect.poll(() => stepOf(status), { timeout: 60_000 }).toBeGreaterThan(5);
  const step = await stepOf(status);
  const points = await errorPoints(page);
  const weights = await firstWeights(page);
  // the curves grow and the weights change while it trains
  await expect.poll(() => errorPoints(page), { timeout: 60_000 }).toBeGreaterThan(points);
  await expect.poll(() => firstWeights(page), { timeout: 30_000 }).not.toBe(weights);
  await expect.poll(() => stepOf(status)).toBeGreaterThan(step);
  await expect(page.getByTestId('lab-loss-chart').locator('[data-series="loss"]')).toHaveAttribute(
    'data-points',
    /^[1-9]\d*$/,
  );

  await page.getByTestId('lab-pause').click();
  await expect(status).toHaveAttribute('data-state', 'paused');
  const pausedAt = await stepOf(status);
  await page.waitForTimeout(800);
  expect(await stepOf(status)).toBe(pausedAt);
  await expect(status).toContainText('paused');
  await page.getByTestId('lab-pause').click();
  await expect.poll(() => stepOf(status), { timeout: 30_000 }).toBeGreaterThan(pausedAt);

  await page.getByTestId('lab-stop').click();
  await expect(status).toHaveAttribute('data-state', 'stopped', { timeout: 60_000 });
  await expect(status).toContainText(/stopped after \d+ steps .*held-out error clean/);

  // a run reset halfway frees everything it held
  await page.getByTestId('lab-train').click();
  await expect.poll(() => stepOf(status), { timeout: 30_000 }).toBeGreaterThan(3);
  await page.getByTestId('lab-reset').click();
  await expect(status).toHaveCount(0);
  await expect.poll(() => engineTensors(page), { timeout: 30_000 }).toBe(before);
});

test('naive vs adversarial: adversarial training lowers the held-out FGSM error', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // 32 steps each; in Node (wasm) plain training ends at 100% FGSM error, adversarial at 86.5%
  await openLab(page, { labImages: '4096' });
  await page.getByTestId('lab-compare').click();
  const naive = page.getByTestId('lab-status-naive');
  const adversarial = page.getByTestId('lab-status-adversarial');
  await expect(naive).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(adversarial).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const errors = async (s: Locator) => ({
    clean: Number(await s.getAttribute('data-clean')),
    fgsm: Number(await s.getAttribute('data-fgsm')),
  });
  const plain = await errors(naive);
  const adv = await errors(adversarial);
  console.log(
    `held-out errors: plain ${JSON.stringify(plain)}, adversarial ${JSON.stringify(adv)}`,
  );
  // softmax regression at eps 0.25: plain training is fooled almost always
  expect(plain.fgsm).toBeGreaterThan(0.9);
  expect(adv.fgsm).toBeLessThan(plain.fgsm - 0.1);
  expect(plain.clean).toBeLessThan(0.2);
  expect(adv.clean).toBeLessThan(0.3);
  await expect(page.getByTestId('weights-panel-right')).toBeVisible();
  // tall enough that the fixed status bar does not cover the weights
  await page.setViewportSize({ width: 1280, height: 1800 });
  await saveScreenshot(page.getByTestId('training-lab'), 'training-lab');

  // the result is a model: it joins the picker, selected, and works in the other views
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('lab-use-adversarial').click();
  await expect(page.getByTestId('lab-use-adversarial')).toHaveText('In the model picker');
  const picker = page.getByTestId(TEST_IDS.modelSelect);
  await expect(picker).toHaveValue(/^own-trained-[a-z0-9]+$/, { timeout: 60_000 });
  await expect(picker.locator('option:checked')).toContainText('(trained here)');
  await openTab(page, 'image');
  await expect(page.getByTestId(TEST_IDS.predOriginal)).toHaveAttribute('data-class', /^\d$/, {
    timeout: 60_000,
  });
  await expect(page.getByTestId(TEST_IDS.predAdversarial)).toHaveAttribute('data-class', /^\d$/);
  const sweep = await openTab(page, 'sweep');
  await expect(sweep.locator('[data-testid^="sweep-line-"]')).toHaveCount(10, { timeout: 60_000 });
});

// maxout on wasm is cut into two shares, the second computed by the engine's peer in the
// browser and by a worker thread in Node (README: Training: both cores)
for (const architecture of ['softmax', 'maxout'] as const) {
  test(`a seeded run in the browser equals the same run in Node (${architecture})`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await openLab(page);
    const spec: TrainingSpec = {
      dataset: 'mnist',
      architecture,
      units: 128,
      pieces: 3,
      objective: 'fgsm',
      alpha: 0.5,
      eps: 0.25,
      learningRate: 0.01,
      batchSize: 128,
      epochs: 1,
      seed: 7,
      dropout: 0.5,
      inputDropout: 0.2,
      trainImages: 2048,
    };
    // the same run in Node, meanwhile (most of its time is loading the training set)
    const nodeRun = promisify(execFile)(
      process.execPath,
      [
        'node_modules/tsx/dist/cli.mjs',
        'scripts/train-lab.ts',
        '--json',
        '--backend=wasm',
        '--batch=128',
        '--epochs=1',
        '--seed=7',
        '--images=2048',
        `--architecture=${architecture}`,
      ],
      { cwd: repoRoot, encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
    );
    const browser = await page.evaluate(async (s) => {
      const app = window.adversarialExplorer;
      if (!app) throw new Error('window.adversarialExplorer is missing');
      const r = await app.client.train(s, new URL('./', location.href).href).done;
      return { ...r, weights: { ...r.weights, data: Array.from(r.weights.data) } };
    }, spec);
    const node = JSON.parse((await nodeRun).stdout) as {
      backend: string;
      spec: TrainingSpec;
      result: Omit<TrainingResult, 'weights'> & { weights: { data: number[] } };
    };
    expect(node.backend).toBe('wasm');
    expect(node.spec).toEqual(spec);
    expect(browser.steps).toBe(node.result.steps);
    expect(browser.curve).toEqual(node.result.curve);
    expect(browser.losses).toEqual(node.result.losses);
    expect(browser.weights.data).toEqual(node.result.weights.data);
    if (architecture === 'maxout') {
      // the peer engine computed shares: it keeps the network it computed them with
      const peers = await page.evaluate(
        async () => (await window.adversarialExplorer?.client.memory({ peers: true }))?.peers ?? [],
      );
      console.log('PEERS', JSON.stringify(peers));
      expect(peers.some((p) => p.numTensors > 0)).toBe(true);
    }
  });
}

test('a link (and an embed) opens the lab with its settings', async ({ page }) => {
  await openApp(page, {
    view: 'train',
    backend: 'wasm',
    labModel: 'maxout',
    labUnits: '64',
    labX: 'uniform',
    labEps: '0.1',
    labImages: '4096',
  });
  await expect(page.getByTestId('lab-architecture')).toHaveValue('maxout');
  await expect(page.getByTestId('lab-units')).toHaveValue('64');
  await expect(page.getByTestId('lab-objective')).toHaveValue('uniform');
  await expect(page.getByTestId('lab-eps')).toHaveValue('0.1');
  // the form writes its settings back into the page's address
  await page.getByTestId('lab-pieces').selectOption('4');
  await expect.poll(() => new URL(page.url()).searchParams.get('labPieces')).toBe('4');
  // a setting the form does not show (a run's image count) stays in the link
  expect(new URL(page.url()).searchParams.get('labImages')).toBe('4096');

  await page.goto('./embed.html?view=train&backend=wasm&labData=fashion-mnist&labEpochs=3');
  await expect(page.getByTestId('lab-dataset')).toHaveValue('fashion-mnist');
  await expect(page.getByTestId('lab-epochs')).toHaveValue('3');
  await expect(page.getByTestId('lab-compare')).toBeEnabled();
});
