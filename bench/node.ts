/**
 * The Node half of the bench, one backend per process (the wasm matMul patch cannot be undone
 * once applied): loads each model, runs the workloads, writes WorkloadResult[] as JSON.
 *
 *   tsx bench/node.ts --backend wasm|wasm-nopatch|cpu|webgpu [--models a,b] [--quick]
 *                     [--testset-count 10000] [--only fgsm,sweep201] [--out file.json]
 *
 * 'wasm' is the wasm backend with the engine's BatchMatMul (src/engine/core/wasmMatMul.ts, as
 * the app's worker registers it); 'wasm-nopatch' is the plain tfjs wasm backend.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, releaseBackend } from '../scripts/lib/backend';
import { registerWasmMatMul } from '../src/engine/core/wasmMatMul';
import { imageOf, loadMnistTest } from './lib/mnist';
import { loadTimed } from './lib/nodeModels';
import type { WorkloadResult } from './lib/types';
import { DEFAULT_REPEATS, runWorkloads, type Repeats } from './lib/workloads';

const REPO = join(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    models: { type: 'string', default: 'mnist-maxout,mnist-softmax' },
    quick: { type: 'boolean', default: false },
    'testset-count': { type: 'string', default: '10000' },
    only: { type: 'string' },
    out: { type: 'string' },
  },
});

async function activate(name: string): Promise<string> {
  if (name === 'wasm' || name === 'wasm-nopatch') {
    await import('@tensorflow/tfjs-backend-wasm');
    // the engine worker registers the same kernel (src/engine/worker/backend.ts)
    if (name === 'wasm') registerWasmMatMul();
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
  const repeats: Repeats = values.quick ? { small: 5, map: 2, testSet: 1 } : DEFAULT_REPEATS;
  const testImages = loadMnistTest(join(REPO, 'data/mnist'), Number(values['testset-count']));
  const image = imageOf(testImages, 0);
  const only = values.only?.split(',');
  const results: WorkloadResult[] = [];
  for (const id of values.models.split(',')) {
    console.error(`[${backend}] ${id}`);
    const loaded = await loadTimed(join(REPO, 'models'), id, values.quick ? 2 : 5);
    const base = { model: id, host: 'node' as const, backend };
    if (!only || only.includes('load')) results.push({ ...base, workload: 'load', ms: loaded.ms });
    const measured = await runWorkloads(loaded.classifier, image, testImages, {
      repeats,
      only,
      log: (line) => console.error(line),
    });
    results.push(...measured.map((m) => ({ ...base, ...m })));
    loaded.dispose();
  }
  const json = JSON.stringify({ backend, adapter, results }, null, 1);
  if (values.out) writeFileSync(values.out, json);
  else console.log(json);
  releaseBackend();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
