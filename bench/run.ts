/**
 * `npm run bench`: the engine's workloads in Node (one process per backend) and in headless
 * Chromium through the app's worker, as a table and as JSON (bench/results/local-<date>.json,
 * git-ignored, unless --out names another file).
 *
 *   tsx bench/run.ts [--quick] [--node wasm,wasm-nopatch,cpu,webgpu] [--browser auto,wasm,...]
 *                    [--no-browser] [--models mnist-maxout,mnist-softmax,cifar10-conv]
 *                    [--out file.json] [--note "what else ran on the machine"] [--no-cold]
 *
 * Then, unless --no-cold or --no-browser, the cold start (bench/coldStart.ts, 3 runs each of the
 * app and the course page, cold and on a return visit) on the build the browser half made.
 *
 * Each Node backend and browser session applies the cuts of bench/lib/cuts.ts per model.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BROWSER_DIST, runBrowserBench } from './browser';
import { formatTable } from './lib/table';
import type { BackendChoiceReport, BenchReport, WorkloadResult } from './lib/types';
import { DEFAULT_MODELS } from './lib/cuts';

const REPO = join(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    node: { type: 'string', default: 'wasm,wasm-nopatch,cpu,webgpu' },
    browser: { type: 'string', default: 'auto,wasm,webgl,webgpu,cpu' },
    'no-browser': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    models: { type: 'string', default: DEFAULT_MODELS },
    out: { type: 'string' },
    note: { type: 'string' },
    'no-cold': { type: 'boolean', default: false },
  },
});

function otherLoad(): string {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout ?? '';
  const training = ps
    .split('\n')
    .filter((l) => l.startsWith('/usr/bin/node') && l.includes('scripts/train.ts'));
  return training.length > 0
    ? `${training.length} model training process(es) running`
    : 'no training running';
}

/** The backend's rows and the models it left out, or why it failed. */
function runNode(
  backend: string,
  log: (line: string) => void,
): { results: WorkloadResult[]; skipped: string[] } | string {
  const out = `/tmp/bench-node-${backend}-${process.pid}.json`;
  const args = [
    'tsx',
    'bench/node.ts',
    '--backend',
    backend,
    '--models',
    values.models,
    '--out',
    out,
  ];
  if (values.quick) args.push('--quick');
  log(`[node ${backend}]`);
  const run = spawnSync('npx', args, {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (run.status !== 0) {
    const lines = (run.stderr ?? '').trim().split('\n');
    return lines.find((l) => l.includes('Error')) ?? lines[lines.length - 1] ?? 'failed';
  }
  return JSON.parse(readFileSync(out, 'utf8')) as { results: WorkloadResult[]; skipped: string[] };
}

/** Whether the automatic choice picked the backend with the fastest one-FGSM on mnist-maxout. */
function judgeChoice(choice: BackendChoiceReport, results: readonly WorkloadResult[]): void {
  const fgsm = results.filter(
    (r) =>
      r.host === choice.host &&
      r.workload === 'fgsm' &&
      r.model === 'mnist-maxout' &&
      !r.backend.startsWith('auto'),
  );
  const fastest = [...fgsm].sort((a, b) => a.ms.median - b.ms.median)[0];
  if (!fastest) return;
  choice.fastestFgsm = fastest.backend;
  choice.pickedFastest = fastest.backend === choice.chosen;
}

async function main(): Promise<void> {
  const log = (line: string): void => console.error(line);
  const start = loadavg();
  const background = otherLoad();
  const results: WorkloadResult[] = [];
  const skipped: string[] = [];
  const backendChoice: BackendChoiceReport[] = [];
  for (const backend of values.node.split(',').filter(Boolean)) {
    const got = runNode(backend, log);
    if (typeof got === 'string') skipped.push(`node ${backend}: ${got}`);
    else {
      results.push(...got.results);
      skipped.push(...got.skipped);
    }
  }
  if (!values['no-browser']) {
    const browser = await runBrowserBench({
      backends: values.browser.split(',').filter(Boolean),
      models: values.models.split(','),
      quick: values.quick,
      build: !values['no-build'],
      log,
    });
    results.push(...browser.results);
    skipped.push(...browser.skipped);
    if (browser.choice) {
      judgeChoice(browser.choice, results);
      backendChoice.push(browser.choice);
    }
  }
  const cpuList = cpus();
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpuList[0]?.model ?? 'unknown',
      cores: cpuList.length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      os: `${type()} ${execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim()}`,
      node: process.version,
      loadAverage: { start, end: loadavg() },
      note: [background, values.note].filter(Boolean).join('; '),
    },
    results,
    backendChoice,
    skipped,
  };
  console.log(formatTable(results));
  for (const c of backendChoice) {
    console.log(
      `\n${c.host} automatic choice: ${c.chosen} in ${c.choiceMs.toFixed(0)} ms; probes ${c.candidates
        .map(
          (k) =>
            `${k.name} ${k.probeMs !== undefined ? `${k.probeMs.toFixed(1)} ms` : k.available ? 'not timed' : 'unavailable'}`,
        )
        .join(
          ', ',
        )}; fastest one-FGSM: ${c.fastestFgsm ?? '?'} (picked fastest: ${String(c.pickedFastest)})`,
    );
  }
  if (skipped.length) console.log(`\nskipped:\n  ${skipped.join('\n  ')}`);
  if (!values['no-browser'] && !values['no-cold']) {
    console.log('\ncold start (bench/coldStart.ts):');
    const cold = spawnSync(
      'npx',
      [
        'tsx',
        join(REPO, 'bench/coldStart.ts'),
        '--runs',
        '3',
        '--no-build',
        '--dist',
        BROWSER_DIST,
      ],
      { cwd: REPO, stdio: 'inherit' },
    );
    if (cold.status !== 0) console.log(`cold start bench failed (exit ${cold.status})`);
  }
  const out =
    values.out ??
    join(REPO, 'bench/results', `local-${report.date.slice(0, 16).replace(':', '')}.json`);
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 1) + '\n');
  console.log(`\nwrote ${out}`);
}

await main();
