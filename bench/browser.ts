/**
 * The browser half of the bench: the built app (vite build into a private folder) served on its
 * own port, opened in headless Chromium once per backend (?backend=...), and once with the
 * automatic choice; the workloads run through window.adversarialExplorer.client, i.e. the app's
 * own worker. Each model runs on its own test set (its manifest's dataset); WebGPU and WebGL
 * there run on SwiftShader (CPU-emulated), so they, cpu and the conv net get smaller workloads
 * (bench/lib/cuts.ts).
 *
 *   tsx bench/browser.ts [--backends auto,wasm,webgl,webgpu,cpu] [--models mnist-maxout]
 *                        [--quick] [--no-build] [--out file.json]
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import type { BackendInfo } from '../src/engine/api';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../e2e/browserPath';
import { startServer } from '../e2e/server';
import type { ExperimentImages } from '../src/engine/api';
import type { BundledDatasetId } from '../src/shared/dataset';
import { cappedRepeats, cutFor, DEFAULT_MODELS, modelKind, type Cut } from './lib/cuts';
import { manifestOf } from './lib/nodeModels';
import { assertShape, bundledDataset, imageOf, loadTestSet, spreadSubset } from './lib/testSet';
import { loadInPage, runInPage, type PagePlan } from './lib/pageWorkloads';
import { summarize } from './lib/stats';
import type { BackendChoiceReport, WorkloadResult } from './lib/types';
import { FGSM_EPS, MAP_EPS_MAX, SWEEP_EPS_MAX } from './lib/workloads';

const REPO = join(import.meta.dirname, '..');
/** where the browser half builds the app (the cold-start bench reuses it) */
export const BROWSER_DIST = '/tmp/bench-dist';
const DIST = BROWSER_DIST;
const PORT = 4391;

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Test sets by dataset, read once. */
const testSets = new Map<BundledDatasetId, ExperimentImages>();

/** The page's plan for one model: its first test image and its (cut) test set as bytes. */
function planFor(modelId: string, dataset: BundledDatasetId, cut: Cut, quick: boolean): PagePlan {
  const all = testSets.get(dataset) ?? loadTestSet(join(REPO, 'data'), dataset);
  testSets.set(dataset, all);
  const first = imageOf(all, 0);
  const set = spreadSubset(all, cut.testSetCount);
  const pixels = new Uint8Array(set.data.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round((set.data[i] ?? 0) * 255);
  const repeats = quick ? { small: 5, map: 1, testSet: 1 } : { small: 20, map: 5, testSet: 2 };
  return {
    modelId,
    image: Array.from(first.image.data),
    shape: set.shape,
    label: first.label,
    testSet:
      set.count > 0 && cut.workloads.includes('testset')
        ? { pixels: b64(pixels), labels: Array.from(set.labels), count: set.count }
        : null,
    workloads: cut.workloads.filter((w) => w !== 'load'),
    repeats: cappedRepeats(repeats, cut),
    fgsmEps: FGSM_EPS,
    sweepEpsMax: SWEEP_EPS_MAX,
    mapEpsMax: MAP_EPS_MAX,
  };
}

async function session(
  browser: Browser,
  backend: string,
  models: string[],
  quick: boolean,
  log: (line: string) => void,
): Promise<{ info: BackendInfo; results: WorkloadResult[] }> {
  const page = await browser.newPage();
  // tsx keeps function names with an __name helper that serialised page functions lack
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  try {
    const query = backend === 'auto' ? '' : `?backend=${backend}`;
    await page.goto(`http://127.0.0.1:${PORT}/${query}`);
    const handle = await page.waitForFunction(
      () => window.adversarialExplorer?.client.backendInfo() ?? null,
      undefined,
      { timeout: 180_000, polling: 250 },
    );
    const info = (await handle.jsonValue()) as BackendInfo;
    log(
      `[chromium ${backend}] active ${info.active}, ${info.adapter} (choice ${info.choiceMs.toFixed(0)} ms)`,
    );
    const host = 'chromium' as const;
    const threads = info.adapter.includes('multithreaded') ? '-threads' : '';
    const label = `${backend === 'auto' ? 'auto:' : ''}${info.active}${threads}`;
    const results: WorkloadResult[] = [];
    for (const modelId of models) {
      const manifest = manifestOf(join(REPO, 'models'), modelId);
      const kind = modelKind(manifest);
      const cut = cutFor(`chromium:${backend}`, kind);
      if (typeof cut === 'string') continue;
      const loadMs = await page.evaluate(loadInPage, modelId);
      results.push({
        workload: 'load',
        model: modelId,
        host,
        backend: label,
        ms: summarize([loadMs]),
        note: 'first load in a fresh worker (one run)',
      });
      const pagePlan = planFor(modelId, bundledDataset(manifest.dataset), cut, quick);
      assertShape(pagePlan.shape, manifest.inputShape, modelId);
      const measured = await page.evaluate(runInPage, pagePlan);
      // the engine's first-layer fast path (unclipped sweeps and maps) is for MLPs only
      const general = kind === 'conv' ? 'general path (no first-layer fast path: conv net)' : '';
      for (const m of measured) {
        const extra: Record<string, ReturnType<typeof summarize>> = {
          engineMs: summarize(m.engineSamples),
        };
        for (const [k, v] of Object.entries(m.extra ?? {})) extra[k] = summarize(v);
        const result: WorkloadResult = {
          workload: m.workload,
          model: modelId,
          host,
          backend: label,
          ms: summarize(m.samples),
          extra,
        };
        const unclipped = m.workload === 'sweep201' || m.workload.endsWith('-noclip');
        const note = [m.note, unclipped && general, cut.note].filter(Boolean).join('; ');
        if (note) result.note = note;
        results.push(result);
      }
      log(`  ${modelId}: ${measured.map((m) => m.workload).join(', ')}`);
    }
    return { info, results };
  } finally {
    await page.close();
  }
}

export async function runBrowserBench(options: {
  backends: string[];
  models: string[];
  quick: boolean;
  build: boolean;
  log?: (line: string) => void;
}): Promise<{ results: WorkloadResult[]; choice: BackendChoiceReport | null; skipped: string[] }> {
  const log = options.log ?? ((line: string) => console.error(line));
  if (options.build) {
    log(`building the app into ${DIST}`);
    execFileSync(
      'npx',
      ['vite', 'build', '--outDir', DIST, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: REPO,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  }
  const server = startServer({ port: PORT, root: DIST, sharedModels: join(REPO, 'models') });
  await new Promise<void>((resolve) => server.on('listening', () => resolve()));
  const browser = await chromium.launch({
    executablePath: chromiumExecutablePath(),
    args: [...CHROMIUM_ARGS],
  });
  const results: WorkloadResult[] = [];
  const skipped: string[] = [];
  let choice: BackendChoiceReport | null = null;
  try {
    for (const backend of options.backends) {
      try {
        const run = await session(browser, backend, options.models, options.quick, log);
        if (backend !== 'auto' && run.info.active !== backend) {
          skipped.push(`chromium ${backend}: not available (${run.info.reason ?? 'fallback'})`);
          continue;
        }
        results.push(...run.results);
        if (backend === 'auto') {
          choice = {
            host: 'chromium',
            chosen: run.info.active,
            choiceMs: run.info.choiceMs,
            candidates: run.info.candidates.map((c) => {
              const entry: BackendChoiceReport['candidates'][number] = {
                name: c.name,
                available: c.available,
              };
              if (c.probeMs !== undefined) entry.probeMs = c.probeMs;
              if (c.reason !== undefined) entry.reason = c.reason;
              return entry;
            }),
          };
        }
      } catch (e) {
        skipped.push(`chromium ${backend}: ${e instanceof Error ? e.message : String(e)}`);
        log(`  chromium ${backend} failed: ${String(e)}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return { results, choice, skipped };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      backends: { type: 'string', default: 'auto,wasm,webgl,webgpu,cpu' },
      models: { type: 'string', default: DEFAULT_MODELS },
      quick: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const run = await runBrowserBench({
    backends: values.backends.split(','),
    models: values.models.split(','),
    quick: values.quick,
    build: !values['no-build'],
  });
  const json = JSON.stringify(run, null, 1);
  if (values.out) writeFileSync(values.out, json);
  else console.log(json);
}
