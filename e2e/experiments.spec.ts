/**
 * Issue 6, the Experiments view: the browser (engine worker, wasm backend) and the eval CLI
 * (Node, wasm) run the same engine runners, so for the same models, seed and test-image subset
 * they must print the same numbers, to the last bit. The spec runs the CLI with --json, sets the
 * same experiment up in the UI, runs it and compares the result the view holds; it also checks
 * progress, cancel, the chart and the exports.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openApp, openTab, saveScreenshot, selectModel } from './helpers/app';
import { download } from './helpers/exports';
import { runInUi, setUp, type UiChoice } from './helpers/experiments';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const LIMIT = 200;
const SEED = 1;

interface CliRun {
  images: number | null;
  result: unknown;
}

/** The eval CLI's JSON result of one experiment (the first group of models). */
function cli(args: string[]): CliRun {
  const out = execFileSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'scripts/eval.ts', ...args, '--json'],
    { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 120_000 },
  );
  const parsed = JSON.parse(out) as { backend: string; runs: CliRun[] };
  expect(parsed.backend).toBe('wasm');
  const run = parsed.runs[0];
  if (!run) throw new Error(`eval ${args.join(' ')} returned no run`);
  return run;
}

/** The eval CLI arguments for the experiment `c` sets up in the UI. */
function cliArgs(c: UiChoice): string[] {
  const args = [c.kind, '--models', c.models.join(',')];
  const options: [string, string | number | undefined][] = [
    ['--attack', c.attack],
    ['--eps', c.eps?.replace(/\s+/g, '')],
    ['--direction', c.direction],
    ['--limit', c.limit],
    ['--count', c.count],
    ['--steps', c.steps],
    ['--sources', c.sources],
    ['--seed', c.seed],
  ];
  for (const [flag, value] of options) if (value !== undefined) args.push(flag, String(value));
  return args;
}

/** Runs `c` in the CLI and in the UI, expects the same result, and returns the CLI's run. */
async function expectUiMatchesCli(page: Page, c: UiChoice): Promise<CliRun> {
  const expected = cli(cliArgs(c));
  expect(await runInUi(page, c)).toEqual(expected.result);
  return expected;
}

test.describe('Experiments view', () => {
  test.beforeEach(async ({ page }) => {
    await openApp(page, { backend: 'wasm' });
    await selectModel(page, 'mnist-softmax');
    await openTab(page, 'experiments');
  });

  test('FGSM test-set attack: same numbers as `npm run eval` for the same seed and images', async ({
    page,
  }) => {
    const models = ['mnist-softmax', 'mnist-maxout'];
    const expected = await expectUiMatchesCli(page, {
      kind: 'attack',
      models,
      attack: 'fgsm',
      eps: '0.1, 0.25',
      limit: LIMIT,
      seed: SEED,
    });
    expect(expected.images).toBe(LIMIT);
    // the chart: one line per model (eps 0 = clean error, then each eps)
    const chart = page.getByTestId('experiment-chart');
    await expect(chart.locator('[data-series]')).toHaveCount(2);
    await expect(chart.locator('[data-series="mnist-maxout"] circle')).toHaveCount(3);
    const csv = await download(page, 'experiment-export-csv');
    expect(csv.name).toBe('experiment-attack.csv');
    expect(csv.bytes.toString('utf8')).toContain('mnist-maxout,0.25,200');
    await saveScreenshot(page.getByTestId('experiments-view'), 'experiments');
  });

  test('seeded noise control (uniform), transfer and ensemble: identical in the browser and the CLI', async ({
    page,
  }) => {
    const common = { eps: '0.25', limit: LIMIT, seed: SEED };
    await expectUiMatchesCli(page, {
      ...common,
      kind: 'attack',
      models: ['mnist-maxout'],
      attack: 'uniform',
    });
    const models = ['mnist-softmax', 'mnist-maxout'];
    await expectUiMatchesCli(page, { ...common, kind: 'transfer', models, attack: 'fgsm' });
    await expect(page.getByTestId('experiment-chart').locator('[data-cell]')).toHaveCount(4);
    await expectUiMatchesCli(page, {
      ...common,
      kind: 'ensemble',
      models,
      attack: 'fgsm',
      eps: '0.1',
    });
  });

  test('rubbish class from the seeded Gaussian: identical numbers, and a gallery', async ({
    page,
  }) => {
    await expectUiMatchesCli(page, {
      kind: 'rubbish',
      models: ['mnist-softmax'],
      count: 300,
      seed: SEED,
    });
    await expect(page.getByTestId('experiment-gallery').locator('canvas')).toHaveCount(8);
  });

  test('fooling images and shared directions: identical numbers', async ({ page }) => {
    await expectUiMatchesCli(page, {
      kind: 'fooling',
      models: ['mnist-softmax'],
      eps: '0.02',
      direction: 'sign',
      steps: 6,
      count: 3,
      seed: SEED,
    });
    await expect(page.getByTestId('experiment-gallery').locator('canvas')).toHaveCount(10);
    await expectUiMatchesCli(page, {
      kind: 'shared',
      models: ['mnist-softmax'],
      eps: '0.1',
      sources: 3,
      limit: LIMIT,
      seed: SEED,
    });
  });

  test('a long run shows progress with elapsed and remaining time and stops on Cancel', async ({
    page,
  }) => {
    await setUp(page, {
      kind: 'attack',
      models: ['mnist-maxout'],
      attack: 'pgd',
      eps: '0.1, 0.2, 0.3',
      limit: 10000,
      seed: 0,
    });
    await page.getByTestId('experiment-run').click();
    const progress = page.getByTestId('experiment-progress');
    await expect(progress).toContainText(/elapsed [\d.]+s · remaining/, { timeout: 30_000 });
    await expect
      .poll(async () => Number(await progress.locator('progress').getAttribute('value')))
      .toBeGreaterThan(0);
    // the page stays responsive while the worker computes
    await expect(page.getByTestId('experiment-cancel')).toBeEnabled();
    await page.getByTestId('experiment-cancel').click();
    await expect(page.getByTestId('experiment-status')).toHaveAttribute('data-state', 'cancelled');
    await expect(page.getByTestId('experiment-run')).toBeEnabled();
  });
});

test.describe('Experiments view on the photo model', () => {
  test.beforeEach(async ({ page }) => {
    await openApp(page, { backend: 'wasm' });
    await selectModel(page, 'cifar10-conv');
    await openTab(page, 'experiments');
  });

  test('cifar10-conv: FGSM on spread test images, rubbish class of 3,072-d noise and fooling images match the CLI', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const models = ['cifar10-conv'];
    const attack = await expectUiMatchesCli(page, {
      kind: 'attack',
      models,
      attack: 'fgsm',
      eps: '0.1',
      limit: 40,
      seed: SEED,
    });
    expect(attack.images).toBe(40);
    const rubbish = await expectUiMatchesCli(page, { kind: 'rubbish', models, count: 60, seed: 2 });
    expect((rubbish.result as { shape: number[] }).shape).toEqual([32, 32, 3]);
    await expectUiMatchesCli(page, {
      kind: 'fooling',
      models,
      eps: '0.05',
      direction: 'sign',
      steps: 3,
      count: 1,
      seed: 3,
    });
    // the fooling table names CIFAR classes, not bare indices
    await expect(page.getByText('3 cat', { exact: true }).first()).toBeAttached();
  });
});
