/**
 * The Training lab's one-click Fig. 2, timed as a student meets it: a fresh browser opens the
 * Train view (the built app, wasm), presses "naive vs adversarial" with the default settings
 * (softmax regression, one epoch each, the paper's objective) and waits until both runs are
 * done and both weight pictures are on screen. Prints the time from the click, and from opening
 * the page, per run and their medians.
 *   npx tsx bench/labPair.ts [--dist dist] [--port 4473] [--runs 3]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../e2e/browserPath';
import { startServer } from '../e2e/server';

const REPO = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: join(REPO, 'dist') },
    port: { type: 'string', default: '4473' },
    runs: { type: 'string', default: '3' },
  },
});

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = (): string => loadavg()[0]!.toFixed(2);

async function main(): Promise<void> {
  const server = startServer({
    port: Number(values.port),
    root: values.dist,
    sharedModels: join(REPO, 'models'),
  });
  await new Promise<void>((resolve) => server.on('listening', () => resolve()));
  const browser = await chromium.launch({
    executablePath: chromiumExecutablePath(),
    args: [...CHROMIUM_ARGS],
  });
  const fromClick: number[] = [];
  const fromOpen: number[] = [];
  try {
    for (let run = 0; run < Math.max(1, Number(values.runs)); run++) {
      // a fresh profile each run: the training set is fetched and parsed as on a first visit
      const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
      const page = await context.newPage();
      const opened = Date.now();
      await page.goto(`http://127.0.0.1:${values.port}/?view=train&backend=wasm`);
      await page.getByTestId('lab-compare').click({ timeout: 60_000 });
      const clicked = Date.now();
      for (const role of ['naive', 'adversarial']) {
        await page
          .getByTestId(`lab-status-${role}`)
          .and(page.locator('[data-state="done"]'))
          .waitFor({ timeout: 180_000 });
      }
      await page.getByTestId('weights-panel-right').waitFor({ timeout: 60_000 });
      const done = Date.now();
      fromClick.push((done - clicked) / 1000);
      fromOpen.push((done - opened) / 1000);
      process.stdout.write(
        `run ${run + 1}: both runs done and drawn ${fromClick.at(-1)!.toFixed(1)} s after the ` +
          `click, ${fromOpen.at(-1)!.toFixed(1)} s after opening the page (load average ${load()})\n`,
      );
      await context.close();
    }
    process.stdout.write(
      `median: ${median(fromClick).toFixed(1)} s after the click, ` +
        `${median(fromOpen).toFixed(1)} s after opening (target: a visible Fig. 2 in <= 30 s)\n`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`labPair: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
