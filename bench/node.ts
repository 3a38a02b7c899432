/**
 * The Node half of the bench, one backend per process (the wasm matMul patch cannot be undone
 * once applied): loads each model, runs the workloads, writes WorkloadResult[] as JSON.
 *
 *   tsx bench/node.ts --backend wasm|wasm-nopatch|cpu|webgpu [--models a,b] [--quick]
 *                     [--testset-count 10000] [--only fgsm,sweep201] [--out file.json]
 *
 * 'wasm' is the wasm backend with the engine's kernels as the app's worker registers them
 * (BatchMatMul, conv gradients, batch-norm gradient); 'wasm-nopatch' is the plain tfjs wasm
 * backend, which cannot take a conv net's gradient, so it runs the MLPs only. Each model runs
 * on its own test set with the cut of bench/lib/cuts.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, releaseBackend } from '../scripts/lib/backend';
import { registerBatchNormGradient } from '../src/engine/core/batchNormGradient';
import { registerWasmFallbackKernels } from '../src/engine/core/wasmFallbackKernels';
import { registerWasmMatMul } from '../src/engine/core/wasmMatMul';
import { benchModel } from './lib/modelBench';
import type { WorkloadResult } from './lib/types';
import { DEFAULT_MODELS } from './lib/cuts';
import { DEFAULT_REPEATS } from './lib/workloads';

const REPO = join(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    models: { type: 'string', default: DEFAULT_MODELS },
    quick: { type: 'boolean', default: false },
    'testset-count': { type: 'string', default: '10000' },
    only: { type: 'string' },
    out: { type: 'string' },
  },
});

async function activate(name: string): Promise<string> {
  if (name === 'wasm' || name === 'wasm-nopatch') {
    await import('@tensorflow/tfjs-backend-wasm');
    // the engine worker registers the same kernels (src/engine/worker/backend.ts)
    if (name === 'wasm') {
      registerWasmMatMul();
      registerWasmFallbackKernels();
      registerBatchNormGradient();
    }
    if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend("wasm") failed');
    await tf.ready();
    return 'cpu';
  }
  if (name !== 'cpu' && name !== 'webgpu') {
    throw new Error(`unknown backend ${name}`);
  }
  return (await chooseBackend(name)).adapter;
}

async function main(): Promise<void> {
  const backend = values.backend;
  const adapter = await activate(backend);
  const results: WorkloadResult[] = [];
  const skipped: string[] = [];
  for (const id of values.models.split(',').filter(Boolean)) {
    const run = await benchModel(id, {
      repo: REPO,
      backend,
      repeats: values.quick ? { small: 5, map: 2, testSet: 1 } : DEFAULT_REPEATS,
      loadRepeats: values.quick ? 2 : 5,
      ...(values.only ? { only: values.only.split(',') } : {}),
      maxTestSet: Number(values['testset-count']),
      log: (line) => console.error(line),
    });
    results.push(...run.results);
    if (run.skipped) skipped.push(run.skipped);
  }
  const json = JSON.stringify({ backend, adapter, results, skipped }, null, 1);
  if (values.out) writeFileSync(values.out, json);
  else console.log(json);
  releaseBackend();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
