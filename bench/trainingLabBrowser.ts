/**
 * The Training lab in headless Chromium (issue 16), on the built app (`npm run build` first):
 *  1. what drawing it live costs the training: seeded runs from the Train view (curves and
 *     weights redrawn on every progress report) alternating with the same run through the engine
 *     client with nobody listening (nothing drawn), in one page and worker, `--rounds` of each;
 *     medians of steps per second (wall clock: they move with the machine's load) and of the CPU
 *     time per step of the engine worker's thread and of the page's main thread (Linux /proc,
 *     bench/lib/threadCpu.ts: they do not). The drawing's cost is the extra CPU per step of both
 *     threads, drawn live against nothing drawn, over the worker's CPU per step with nothing
 *     drawn: the slowdown on a machine whose cores are all busy (on an idle 2-core machine the
 *     page's share runs beside the worker), and the worker's CPU per step times the steps is
 *     the epoch of a worker that has a core to itself;
 *  2. whether the page stays responsive while it trains: clicks on the page every half second,
 *     their Event Timing durations (input delay + handlers + the next paint), idle and training.
 * Service workers are blocked: a first visit's precaching would otherwise share the CPU with
 * the first rounds.
 *   npx tsx bench/trainingLabBrowser.ts [--dist dist] [--port 4472] [--architecture softmax]
 *     [--objective fgsm] [--epochs 1] [--batch 128] [--units 128] [--pieces 3] [--rounds 3]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../e2e/browserPath';
import { startServer } from '../e2e/server';
import { DEFAULT_TRAINING_SPEC, type TrainingSpec } from '../src/engine/api';
import type { DevtoolsHandle } from '../src/app/devtoolsHandle';
import { threadCpuMs } from './lib/threadCpu';

declare global {
  interface Window {
    __clickMs?: number[];
    /** progress reports the Train view drew (its status line's step changed) */
    __labReports?: number;
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
    rounds: { type: 'string', default: '3' },
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

interface Round {
  stepsPerSecond: number;
  /** wall clock of the epoch */
  seconds: number;
  /** CPU ms per step of the engine worker's thread, of the page's main thread and of the rest
   * of the browser (compositor, raster, GPU process, ...) */
  workerMs: number;
  mainMs: number;
  restMs: number;
  /** progress reports drawn (live rounds) */
  reports: number;
}

interface CpuMark {
  worker: number;
  main: number;
  all: number;
}

const cpuNow = (): CpuMark => ({
  worker: threadCpuMs('DedicatedWorker'),
  main: threadCpuMs('main'),
  all: threadCpuMs(''),
});

function roundOf(stepsPerSecond: number, steps: number, before: CpuMark, reports = 0): Round {
  const after = cpuNow();
  return {
    reports,
    stepsPerSecond,
    seconds: steps / stepsPerSecond,
    workerMs: (after.worker - before.worker) / steps,
    mainMs: (after.main - before.main) / steps,
    restMs:
      (after.all - before.all - (after.worker - before.worker) - (after.main - before.main)) /
      steps,
  };
}

/** The spec's run through the client, nobody listening. */
async function bareRound(page: Page): Promise<Round> {
  const before = cpuNow();
  const r = await page.evaluate(async (s) => {
    const app = window.adversarialExplorer as DevtoolsHandle;
    return app.client.train(s, new URL('./', location.href).href).done;
  }, spec);
  return roundOf(r.stepsPerSecond, r.steps, before);
}

const stateIs = (page: Page, state: string, timeout: number) =>
  page.waitForFunction(
    (want) =>
      document.querySelector('[data-testid=lab-status-single]')?.getAttribute('data-state') ===
      want,
    state,
    { timeout, polling: 200 },
  );

/** The spec's run from the Train view, drawn live; `during` runs once it trains. */
async function liveRound(
  page: Page,
  during: () => Promise<void> = async () => undefined,
): Promise<Round> {
  await page.evaluate(() => {
    // one observer for every round: only the count starts again
    const observed = window.__labReports !== undefined;
    window.__labReports = 0;
    if (observed) return;
    new MutationObserver((changes) => {
      for (const c of changes)
        if ((c.target as HTMLElement).dataset['testid'] === 'lab-status-single')
          window.__labReports = (window.__labReports ?? 0) + 1;
    }).observe(document.body, { subtree: true, attributeFilter: ['data-step'] });
  });
  const before = cpuNow();
  await page.getByTestId('lab-train').click();
  await stateIs(page, 'training', 120_000);
  await during();
  await stateIs(page, 'done', 1_800_000);
  const status = page.getByTestId('lab-status-single');
  const stepsPerSecond = Number(await status.getAttribute('data-steps-per-second'));
  const steps = Number(await status.getAttribute('data-step'));
  const reports = await page.evaluate(() => window.__labReports ?? 0);
  const round = roundOf(stepsPerSecond, steps, before, reports);
  await page.getByTestId('lab-reset').click();
  return round;
}

async function main(): Promise<void> {
  const port = Number(values.port);
  const rounds = Math.max(1, Number(values.rounds));
  const server = startServer({ port, root: values.dist, sharedModels: join(REPO, 'models') });
  await new Promise<void>((resolve) => server.on('listening', () => resolve()));
  const base = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({
    executablePath: chromiumExecutablePath(),
    args: [...CHROMIUM_ARGS],
  });
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  try {
    out(
      `${JSON.stringify(spec)}, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const context = await browser.newContext({
      viewport: { width: 1280, height: 1400 },
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    await open(page, base);
    await setForm(page);
    // a short run first, so the training set is loaded and the kernels are compiled
    await page.evaluate(async (s) => {
      const app = window.adversarialExplorer as DevtoolsHandle;
      await app.client.train({ ...s, trainImages: 2048 }, new URL('./', location.href).href).done;
    }, spec);
    const idle = await clicks(page, 3000);
    let busy: { count: number; slow: number[] } = { count: 0, slow: [] };
    const bare: Round[] = [];
    const live: Round[] = [];
    const show = (kind: string, r: Round): void => {
      out(
        `  ${kind}: ${r.stepsPerSecond.toFixed(1)} steps/s (epoch ${r.seconds.toFixed(1)} s); CPU per step: worker ${r.workerMs.toFixed(2)} ms, page ${r.mainMs.toFixed(2)} ms, rest of the browser ${r.restMs.toFixed(2)} ms`,
      );
    };
    for (let round = 0; round < rounds; round++) {
      out(`round ${round + 1} of ${rounds}, load average ${loadavg()[0]?.toFixed(2)}`);
      bare.push(await bareRound(page));
      show('nothing drawn', bare.at(-1) as Round);
      const last = round === rounds - 1;
      live.push(
        await liveRound(page, async () => {
          if (last) busy = await clicks(page, 10_000);
        }),
      );
      show('drawn live   ', live.at(-1) as Round);
    }
    const m = (rs: Round[], f: (r: Round) => number) => median(rs.map(f));
    const steps = Math.ceil((spec.trainImages ?? 55_000) / spec.batchSize) * spec.epochs;
    const [bareSps, liveSps] = [bare, live].map((rs) => m(rs, (r) => r.stepsPerSecond));
    const [bareWorker, liveWorker] = [bare, live].map((rs) => m(rs, (r) => r.workerMs));
    const [bareMain, liveMain] = [bare, live].map((rs) => m(rs, (r) => r.mainMs));
    const [bareRest, liveRest] = [bare, live].map((rs) => m(rs, (r) => r.restMs));
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    out(`medians of ${rounds} rounds (${steps} steps each):`);
    out(
      `  nothing drawn: ${bareSps?.toFixed(1)} steps/s (epoch ${m(bare, (r) => r.seconds).toFixed(1)} s wall); CPU per step: worker ${bareWorker?.toFixed(2)} ms, page ${bareMain?.toFixed(2)} ms, rest ${bareRest?.toFixed(2)} ms`,
    );
    out(
      `  drawn live:    ${liveSps?.toFixed(1)} steps/s (epoch ${m(live, (r) => r.seconds).toFixed(1)} s wall); CPU per step: worker ${liveWorker?.toFixed(2)} ms, page ${liveMain?.toFixed(2)} ms, rest ${liveRest?.toFixed(2)} ms`,
    );
    const extra =
      (liveWorker ?? NaN) +
      (liveMain ?? NaN) +
      (liveRest ?? NaN) -
      (bareWorker ?? NaN) -
      (bareMain ?? NaN) -
      (bareRest ?? NaN);
    out(
      `  drawing live costs ${pct(extra / (bareWorker ?? NaN))} of the training's CPU (worker +${pct(((liveWorker ?? NaN) - (bareWorker ?? NaN)) / (bareWorker ?? NaN))}, page +${pct(((liveMain ?? NaN) - (bareMain ?? NaN)) / (bareWorker ?? NaN))}, rest +${pct(((liveRest ?? NaN) - (bareRest ?? NaN)) / (bareWorker ?? NaN))}); wall clock ${pct((bareSps ?? NaN) / (liveSps ?? NaN) - 1)} more time per step`,
    );
    // drawing is per report (on a clock), training per step: per report is what carries over
    // to a machine where the worker runs faster (each live round's page and rest CPU, less the
    // same round's steps at the nothing-drawn rates, over its reports)
    const perReport = (key: 'mainMs' | 'restMs', bareMs: number) =>
      median(live.map((r) => ((r[key] - bareMs) * steps) / Math.max(1, r.reports)));
    const pagePer = perReport('mainMs', bareMain ?? NaN);
    const restPer = perReport('restMs', bareRest ?? NaN);
    const rate = median(live.map((r) => r.reports / r.seconds));
    out(
      `  reports drawn: ${live.map((r) => r.reports).join(', ')} (${rate.toFixed(2)} a second); per report: page main thread +${pagePer.toFixed(1)} ms CPU, rest of the browser +${restPer.toFixed(1)} ms (rounds: ${live.map((r) => (((r.mainMs - (bareMain ?? NaN)) * steps) / Math.max(1, r.reports)).toFixed(1)).join(', ')} ms page); at 2.5 reports a second that is ${pct((2.5 * (pagePer + restPer)) / 1000)} of a core (page alone ${pct((2.5 * pagePer) / 1000)}), beside a worker that keeps one core busy`,
    );
    out(
      `  epoch in worker CPU time, drawn live: ${(((liveWorker ?? NaN) * steps) / 1000).toFixed(2)} s (nothing drawn ${(((bareWorker ?? NaN) * steps) / 1000).toFixed(2)} s)`,
    );
    const describe = (c: { count: number; slow: number[] }): string =>
      `${c.count} clicks, ${c.slow.length} took 16 ms or more` +
      (c.slow.length
        ? ` (median ${median(c.slow).toFixed(0)} ms, max ${Math.max(...c.slow).toFixed(0)} ms)`
        : '');
    out(`clicks while idle: ${describe(idle)}`);
    out(`clicks while training: ${describe(busy)}`);
    out(
      `load average at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
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
