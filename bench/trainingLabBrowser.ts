/**
 * The Training lab in headless Chromium (issue 16), on the built app (`npm run build` first):
 *  1. what drawing it live costs the training: one seeded run from the Train view (curves and
 *     weights redrawn on every progress report) against the same run through the engine client
 *     with nobody listening (no messages, nothing drawn), steps per second of each;
 *  2. whether the page stays responsive while it trains: clicks on the page every half second,
 *     their Event Timing durations (input delay + handlers + the next paint), idle and training.
 *   npx tsx bench/trainingLabBrowser.ts [--dist dist] [--port 4472] [--architecture softmax]
 *     [--objective fgsm] [--epochs 1] [--batch 128] [--units 128] [--pieces 3]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../e2e/browserPath';
import { startServer } from '../e2e/server';
import { DEFAULT_TRAINING_SPEC, type TrainingSpec } from '../src/engine/api';
import type { DevtoolsHandle } from '../src/app/devtoolsHandle';

declare global {
  interface Window {
    __clickMs?: number[];
  }
}

const REPO = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: join(REPO, 'dist') },
    port: { type: 'string', default: '4472' },
    architecture: { type: 'string', default: 'softmax' },
    objective: { type: 'string', default: 'fgsm' },
    epochs: { type: 'string', default: '1' },
    batch: { type: 'string', default: '128' },
    units: { type: 'string', default: '128' },
    pieces: { type: 'string', default: '3' },
  },
});

const spec: TrainingSpec = {
  ...DEFAULT_TRAINING_SPEC,
  architecture: values.architecture === 'maxout' ? 'maxout' : 'softmax',
  objective: values.objective as TrainingSpec['objective'],
  epochs: Number(values.epochs),
  batchSize: Number(values.batch),
  units: Number(values.units),
  pieces: Number(values.pieces),
  learningRate: values.architecture === 'maxout' ? 0.002 : DEFAULT_TRAINING_SPEC.learningRate,
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function open(page: Page, base: string): Promise<void> {
  await page.goto(`${base}?view=train&backend=wasm`);
  await page.waitForFunction(() => window.adversarialExplorer?.client.backendInfo() ?? null, null, {
    timeout: 120_000,
  });
  // Event Timing: every click's duration from the input to the next paint
  await page.evaluate(() => {
    window.__clickMs = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'click') window.__clickMs?.push(e.duration);
    }).observe({
      type: 'event',
      durationThreshold: 16,
      buffered: false,
    } as PerformanceObserverInit);
  });
}

/** Clicks on the help text every 500 ms for `ms`; returns the durations Chromium recorded. */
async function clicks(page: Page, ms: number): Promise<{ count: number; slow: number[] }> {
  await page.evaluate(() => (window.__clickMs = []));
  let count = 0;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await page.locator('.ae-lab-help').click({ position: { x: 5, y: 5 } });
    count++;
    await page.waitForTimeout(500);
  }
  await page.waitForTimeout(300);
  return { count, slow: await page.evaluate(() => window.__clickMs ?? []) };
}

async function setForm(page: Page): Promise<void> {
  await page.getByTestId('lab-architecture').selectOption(spec.architecture);
  if (spec.architecture === 'maxout') {
    await page.getByTestId('lab-units').selectOption(String(spec.units));
    await page.getByTestId('lab-pieces').selectOption(String(spec.pieces));
  }
  await page.getByTestId('lab-objective').selectOption(spec.objective);
  await page.getByTestId('lab-batch').selectOption(String(spec.batchSize));
  for (const [id, v] of [
    ['lab-epochs', spec.epochs],
    ['lab-lr', spec.learningRate],
    ['lab-seed', spec.seed],
  ] as const) {
    await page.getByTestId(id).fill(String(v));
    await page.getByTestId(id).press('Tab');
  }
}

async function main(): Promise<void> {
  const port = Number(values.port);
  const server = startServer({ port, root: values.dist, sharedModels: join(REPO, 'models') });
  await new Promise<void>((resolve) => server.on('listening', () => resolve()));
  const base = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({
    executablePath: chromiumExecutablePath(),
    args: [...CHROMIUM_ARGS],
  });
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  try {
    out(`${JSON.stringify(spec)}`);
    // the run with nobody listening: the engine's own pace in this browser
    const quiet = await browser.newPage();
    await open(quiet, base);
    const bare = await quiet.evaluate(async (s) => {
      const app = window.adversarialExplorer as DevtoolsHandle;
      // first a short run, so the training set is loaded and the kernels are compiled
      await app.client.train({ ...s, epochs: 1, batchSize: 512 }, new URL('./', location.href).href)
        .done;
      const r = await app.client.train(s, new URL('./', location.href).href).done;
      return { stepsPerSecond: r.stepsPerSecond, steps: r.steps, ms: r.elapsedMs };
    }, spec);
    await quiet.close();
    out(
      `engine only, nothing drawn: ${bare.stepsPerSecond.toFixed(1)} steps/s (${bare.steps} steps in ${(bare.ms / 1000).toFixed(1)} s)`,
    );

    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await open(page, base);
    await setForm(page);
    const idle = await clicks(page, 3000);
    await page.getByTestId('lab-train').click();
    const status = page.getByTestId('lab-status-single');
    await status.waitFor();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=lab-status-single]')?.getAttribute('data-state') ===
        'training',
      null,
      { timeout: 120_000 },
    );
    const busy = await clicks(page, 10_000);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=lab-status-single]')?.getAttribute('data-state') ===
        'done',
      null,
      { timeout: 1_800_000, polling: 1000 },
    );
    const live = Number(await status.getAttribute('data-steps-per-second'));
    out(
      `Train view, curves and weights drawn live: ${live.toFixed(1)} steps/s, ` +
        `${(100 * (bare.stepsPerSecond / live - 1)).toFixed(1)}% more time per step than with nothing drawn`,
    );
    const describe = (c: { count: number; slow: number[] }): string =>
      `${c.count} clicks, ${c.slow.length} took 16 ms or more` +
      (c.slow.length
        ? ` (median ${median(c.slow).toFixed(0)} ms, max ${Math.max(...c.slow).toFixed(0)} ms)`
        : '');
    out(`clicks while idle: ${describe(idle)}`);
    out(`clicks while training: ${describe(busy)}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `trainingLabBrowser: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
