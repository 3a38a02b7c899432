/**
 * The bench on the lent GPU machine: the same Node workloads as bench/node.ts on tfjs WebGPU
 * over Dawn, then the PyTorch CUDA reference (bench/pytorch_fgsm.py) on the same GPU in the same
 * run, written together to $GPU_OUT/gpu-bench.json. Packed by ../shared/gpu/pack.sh (see
 * bench/README.md); it runs from .gpu/ inside the repository copy, so the repository is `..`.
 *
 *   bash .gpu/run.sh [--repo ..] [--models mnist-maxout,mnist-softmax,cifar10-conv] [--quick]
 *                    [--no-torch]
 *
 * Each model needs its dataset's test files under data/ (bench/README.md says which to carry).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
// scripts/lib/backend.ts sets navigator.gpu before it imports tfjs-backend-webgpu, flattens
// requiredFeatures and drops the navigator shim at the end (../shared/gpu/README.md)
import { chooseBackend, releaseBackend } from '../scripts/lib/backend';
import { benchModel } from './lib/modelBench';
import { formatTable } from './lib/table';
import type { BenchReport, WorkloadResult } from './lib/types';
import { DEFAULT_MODELS } from './lib/cuts';

const { values } = parseArgs({
  options: {
    repo: { type: 'string', default: '..' },
    models: { type: 'string', default: DEFAULT_MODELS },
    quick: { type: 'boolean', default: false },
    'no-torch': { type: 'boolean', default: false },
    backend: { type: 'string', default: 'webgpu' },
  },
});

const repo = resolve(values.repo);
const outDir = process.env['GPU_OUT'] ?? '/tmp/gpu_out';

function gpuName(): string {
  const smi = spawnSync(
    'nvidia-smi',
    ['--query-gpu=name,driver_version', '--format=csv,noheader'],
    {
      encoding: 'utf8',
    },
  );
  return smi.status === 0 ? smi.stdout.trim() : 'unknown GPU';
}

/** PyTorch's numbers as WorkloadResult rows (host 'pytorch'), or why there are none. */
function runTorch(): { results: WorkloadResult[]; skipped?: string } {
  const out = join(outDir, 'pytorch.json');
  const args = [
    join(repo, 'bench/pytorch_fgsm.py'),
    '--repo',
    repo,
    '--models',
    values.models,
    '--out',
    out,
  ];
  const run = spawnSync('python3', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (run.status !== 0)
    return { results: [], skipped: `pytorch: ${run.stderr.trim().split('\n').pop() ?? 'failed'}` };
  return {
    results: (JSON.parse(readFileSync(out, 'utf8')) as { results: WorkloadResult[] }).results,
  };
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const start = loadavg();
  const results: WorkloadResult[] = [];
  const skipped: string[] = [];
  const backend = values.backend === 'wasm' || values.backend === 'cpu' ? values.backend : 'webgpu';
  const choice = await chooseBackend(backend);
  console.error(`tfjs backend ${choice.name} (${choice.adapter})`);
  const repeats = values.quick
    ? { small: 10, map: 3, testSet: 2 }
    : { small: 50, map: 10, testSet: 5 };
  for (const id of values.models.split(',').filter(Boolean)) {
    const run = await benchModel(id, {
      repo,
      backend: choice.name,
      repeats,
      loadRepeats: 5,
      log: (line) => console.error(line),
    });
    results.push(...run.results);
    if (run.skipped) skipped.push(run.skipped);
  }
  releaseBackend();
  if (!values['no-torch']) {
    const torch = runTorch();
    results.push(...torch.results);
    if (torch.skipped) skipped.push(torch.skipped);
  }
  const cpuList = cpus();
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpuList[0]?.model ?? 'unknown',
      cores: cpuList.length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      os: type(),
      node: process.version,
      loadAverage: { start, end: loadavg() },
      gpu: `${gpuName()}; Dawn adapter: ${choice.adapter}`,
    },
    results,
    backendChoice: [],
    skipped,
  };
  writeFileSync(join(outDir, 'gpu-bench.json'), JSON.stringify(report, null, 1) + '\n');
  console.log(formatTable(results));
  console.log(`\nwrote ${join(outDir, 'gpu-bench.json')}`);
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => releaseBackend());
