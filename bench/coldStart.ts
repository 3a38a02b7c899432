/**
 * Time to the first result, as a visitor gets it: the built app served with `Cache-Control:
 * no-store` (e2e/server.ts), opened in headless Chromium with a fresh profile per run.
 * Scenarios: 'app' (index.html, the first prediction caption) and 'course' (the course page
 * fixture: two iframes and one <adversarial-explorer> from another origin, all three first
 * results). Each run opens the page twice in the same profile: 'cold', then 'second' (a return
 * visit: storage and service worker kept). Prints the totals, their medians, and the trace of
 * the cold start (the 'ae:' marks of page, frames and workers, and the requests) as medians.
 *
 *   tsx bench/coldStart.ts [--runs 5] [--scenarios app,course] [--query backend=wasm]
 *                          [--no-build] [--dist /tmp/cold-start-dist] [--port 4417] [--out file.json]
 *                          [--storage partitioned|blocked]
 *
 * `--dist a,b` (with --no-build) compares builds, e.g. a copy of the one before a change: each
 * is served on its own port (4417, 4418, ...) and the runs alternate between them, so both see
 * the same load on a busy machine. `--storage`: the course page's cross-site iframes get storage
 * partitioned by the page's site, as Chrome ships it (default: they can share one engine), or
 * none ('blocked', Playwright's default Chromium: each starts its own).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutablePath, withStoragePartitioning } from '../e2e/browserPath';
import { startServer } from '../e2e/server';
import { installShownProbe, readMarks, type ShownTimes } from './lib/coldStartProbe';
import {
  formatEvents,
  markEvents,
  requestEvents,
  summarizeEvents,
  type LabelledMarks,
  type RequestTiming,
  type TraceEvent,
} from './lib/coldStartTrace';
import { summarize } from './lib/stats';

const REPO = join(import.meta.dirname, '..');
const VISITS = ['cold', 'second'] as const;
type Visit = (typeof VISITS)[number];
type Scenario = 'app' | 'course';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    scenarios: { type: 'string', default: 'app,course' },
    query: { type: 'string', default: '' },
    'no-build': { type: 'boolean', default: false },
    dist: { type: 'string', default: '/tmp/cold-start-dist' },
    port: { type: 'string', default: '4417' },
    out: { type: 'string' },
    timeout: { type: 'string', default: '60000' },
    storage: { type: 'string', default: 'partitioned' },
  },
});
if (values.storage !== 'partitioned' && values.storage !== 'blocked')
  throw new Error(`--storage ${values.storage}: partitioned or blocked`);

const BASE_PORT = Number(values.port);

interface Load {
  /** the build folder */
  dist: string;
  scenario: Scenario;
  visit: Visit;
  run: number;
  /** ms from navigation start to the last awaited first result */
  ms: number;
  shown: ShownTimes;
  events: TraceEvent[];
  /** 1-minute load average when the load began */
  load1: number;
}

function urlOf(scenario: Scenario, port: number): string {
  if (scenario === 'app')
    return `http://127.0.0.1:${port}/${values.query ? `?${values.query}` : ''}`;
  // the page on localhost, its embeds from 127.0.0.1: another origin, as on a course site
  return `http://localhost:${port}/fixtures/course-page.html`;
}

/** The time the scenario waits for, or null while it is not there yet. */
function doneAt(scenario: Scenario, shown: ShownTimes): number | null {
  if (scenario === 'app') return shown.app;
  const times = ['embed-image', 'embed-sweep', 'element'].map((id) => shown.embeds[id]);
  return times.every((t) => t !== undefined) ? Math.max(...(times as number[])) : null;
}

async function collectMarks(page: Page): Promise<LabelledMarks[]> {
  const contexts: LabelledMarks[] = [{ label: 'page', ...(await page.evaluate(readMarks)) }];
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const id = (await (await frame.frameElement()).getAttribute('id')) ?? frame.url();
    contexts.push({ label: `frame ${id}`, ...(await frame.evaluate(readMarks)) });
  }
  let n = 0;
  for (const worker of page.workers()) {
    n++;
    try {
      contexts.push({ label: `worker ${n}`, ...(await worker.evaluate(readMarks)) });
    } catch {
      // a peer or a worker that ended meanwhile
    }
  }
  return contexts;
}

async function visit(
  context: BrowserContext,
  scenario: Scenario,
  port: number,
): Promise<Omit<Load, 'visit' | 'run' | 'dist'>> {
  const requests: RequestTiming[] = [];
  const onFinished = (request: import('playwright-core').Request): void => {
    void (async () => {
      const timing = request.timing();
      const response = await request.response();
      const sizes = await request.sizes().catch(() => ({ responseBodySize: 0 }));
      requests.push({
        url: request.url(),
        start: timing.startTime,
        end: timing.startTime + Math.max(0, timing.responseEnd),
        bytes: sizes.responseBodySize,
        from: response?.fromServiceWorker() ? 'service worker' : 'network',
      });
    })();
  };
  context.on('requestfinished', onFinished);
  const load1 = loadavg()[0] ?? 0;
  const page = await context.newPage();
  try {
    await page.goto(urlOf(scenario, port));
    const handle = await page.waitForFunction(
      () => (window as unknown as { __aeShown?: ShownTimes }).__aeShown ?? null,
    );
    const deadline = Date.now() + Number(values.timeout);
    let shown = (await handle.jsonValue()) as ShownTimes;
    let ms = doneAt(scenario, shown);
    while (ms === null) {
      if (Date.now() > deadline) throw new Error(`${scenario}: no result in ${values.timeout} ms`);
      await page.waitForTimeout(50);
      shown = await page.evaluate(() => (window as unknown as { __aeShown: ShownTimes }).__aeShown);
      ms = doneAt(scenario, shown);
    }
    const topOrigin = await page.evaluate(() => performance.timeOrigin);
    const events = [
      ...markEvents(await collectMarks(page), topOrigin),
      ...requestEvents(requests, topOrigin),
      { what: 'SHOWN (bench)', at: ms },
    ].sort((a, b) => a.at - b.at);
    return { scenario, ms, shown, events, load1 };
  } finally {
    context.off('requestfinished', onFinished);
    await page.close();
  }
}

/** Waits (at most 2 minutes) until the page's service worker is active, where there is one. */
async function offlineCopyReady(context: BrowserContext, port: number): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`http://127.0.0.1:${port}/data/index.json`);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker?.getRegistration('/');
      if (!registration) return;
      await Promise.race([
        navigator.serviceWorker.ready,
        new Promise((resolve) => setTimeout(resolve, 120_000)),
      ]);
    });
  } finally {
    await page.close();
  }
}

async function runOnce(
  scenario: Scenario,
  run: number,
  dist: string,
  port: number,
): Promise<Load[]> {
  const profile = mkdtempSync(join(tmpdir(), 'cold-start-'));
  const executablePath = chromiumExecutablePath();
  const launch = {
    ...(executablePath ? { executablePath } : {}),
    args: [...CHROMIUM_ARGS],
  };
  const context = await chromium.launchPersistentContext(profile, {
    ...(values.storage === 'partitioned'
      ? await withStoragePartitioning(chromium, launch)
      : launch),
    headless: true,
    viewport: { width: 1400, height: 1000 },
  });
  try {
    // tsx names functions through an __name helper that pages lack
    await context.addInitScript({
      content: `globalThis.__name = (f) => f; (${installShownProbe.toString()})();`,
    });
    const loads: Load[] = [];
    for (const v of VISITS) {
      const load = await visit(context, scenario, port);
      loads.push({ ...load, visit: v, run, dist });
      console.error(
        `${dist} ${scenario} run ${run} ${v}: ${load.ms.toFixed(0)} ms (load average ${load.load1.toFixed(2)})`,
      );
      // a return visit comes after the offline copy is complete (the service worker active)
      if (v === 'cold') await offlineCopyReady(context, port);
    }
    return loads;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function report(loads: readonly Load[], dists: readonly string[], scenarios: Scenario[]): void {
  console.log(
    `\n${cpus().length} cores, headless Chromium (third-party storage ${values.storage}), ${values.runs} runs per scenario`,
  );
  const select = (dist: string, scenario: Scenario, v: Visit) =>
    loads.filter((l) => l.dist === dist && l.scenario === scenario && l.visit === v);
  for (const dist of dists) {
    for (const scenario of scenarios) {
      for (const v of VISITS) {
        const these = select(dist, scenario, v);
        if (these.length === 0) continue;
        const s = summarize(these.map((l) => l.ms));
        const loadRange = these.map((l) => l.load1.toFixed(1)).join(', ');
        console.log(
          `${dist} ${scenario} ${v}: median ${s.median.toFixed(0)} ms (${s.min.toFixed(0)}-${s.max.toFixed(0)}); load averages ${loadRange}`,
        );
      }
    }
  }
  for (const dist of dists) {
    for (const scenario of scenarios) {
      for (const v of VISITS) {
        const these = select(dist, scenario, v);
        console.log(`\ntrace, ${dist} ${scenario} ${v} (ms since navigation start, medians):`);
        for (const line of formatEvents(summarizeEvents(these.map((l) => l.events)))) {
          console.log(line);
        }
      }
    }
  }
}

async function main(): Promise<void> {
  const dists = values.dist.split(',');
  if (!values['no-build']) {
    if (dists.length > 1) throw new Error('--dist a,b compares builds: add --no-build');
    console.error(`building the app into ${values.dist}`);
    execFileSync(
      'npx',
      ['vite', 'build', '--outDir', values.dist, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  const servers = dists.map((root, i) =>
    startServer({ port: BASE_PORT + i, root, sharedModels: join(REPO, 'models') }),
  );
  await Promise.all(
    servers.map((server) => new Promise<void>((resolve) => server.on('listening', resolve))),
  );
  const scenarios = values.scenarios.split(',') as Scenario[];
  const loads: Load[] = [];
  try {
    for (let run = 1; run <= Number(values.runs); run++) {
      for (const scenario of scenarios) {
        for (const [i, dist] of dists.entries()) {
          loads.push(...(await runOnce(scenario, run, dist, BASE_PORT + i)));
        }
      }
    }
  } finally {
    for (const server of servers) server.close();
  }
  report(loads, dists, scenarios);
  if (values.out) writeFileSync(values.out, JSON.stringify(loads, null, 1));
}

await main();
