/**
 * The big-model benchmark (issue 14): MobileNet v1 0.25 (ImageNet, 224x224x3, the third-party
 * copy in ../shared/models/mobilenet, never committed) loaded as an own model through the
 * app's own loader, on tfjs' wasm backend in Node with the engine's kernels. Prints figures,
 * wall-clock and CPU time: one FGSM with re-prediction, the 21-point sweep the app draws first
 * and the 201-point eps-sweep. `--profile` lists the kernels of one FGSM by total time.
 *
 *   npx tsx bench/mobilenet.ts [--repeats 10] [--profile] [--dir ../shared/models/mobilenet]
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { attackImage, sweepImage } from '../src/engine/core';
import { registerBatchNormGradient } from '../src/engine/core/batchNormGradient';
import { registerWasmFallbackKernels } from '../src/engine/core/wasmFallbackKernels';
import { registerWasmMatMul } from '../src/engine/core/wasmMatMul';
import { loadOwnModel } from '../src/engine/worker/ownModelLoad';
import { MOBILENET_DIR, MOBILENET_MANIFEST, mobileNetFetch } from './lib/sharedMobileNet';
import { summarize, type Summary } from './lib/stats';

const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '10' },
    profile: { type: 'boolean', default: false },
    'no-sweep': { type: 'boolean', default: false },
    dir: {
      type: 'string',
      default: MOBILENET_DIR,
    },
  },
});

/** a smooth deterministic 224x224 photo-like image */
function image() {
  const data = new Float32Array(224 * 224 * 3);
  for (let i = 0; i < data.length; i++) data[i] = 0.5 + 0.4 * Math.sin(i / 97);
  return { data, height: 224, width: 224, channels: 3 };
}

/**
 * Wall-clock and CPU time of each run: on a busy machine the wall clock also counts the time the
 * process waited for a core, while the CPU time of this (single-threaded wasm) process is close
 * to what a quiet machine's wall clock would show.
 */
async function timeBoth(work: () => Promise<unknown>, repeats: number, warmup: number) {
  for (let i = 0; i < warmup; i++) await work();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await work();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return `wall ${fmt(summarize(wall))}; CPU ${fmt(summarize(cpu))}`;
}

const fmt = (s: Summary) =>
  `${s.median.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)}, ${s.runs} runs)`;

/**
 * Kernel times of one FGSM: each kernel call's fastest of 5 profiled runs (a busy machine
 * inflates single runs at random), summed per kernel name.
 */
async function profile(fgsm: () => Promise<unknown>): Promise<void> {
  await fgsm();
  const runs: { name: string; ms: number; shapes: string }[][] = [];
  for (let r = 0; r < 5; r++) {
    const info = await tf.profile(async () => {
      await fgsm();
      return [];
    });
    runs.push(
      info.kernels.map((k) => ({
        name: k.name,
        ms: Number(k.kernelTimeMs),
        shapes: JSON.stringify(k.inputShapes),
      })),
    );
  }
  const calls = (runs[0] ?? []).map((k, i) => ({
    ...k,
    ms: Math.min(...runs.map((run) => run[i]?.ms ?? Infinity)),
  }));
  const byKernel = new Map<string, { ms: number; calls: number }>();
  for (const k of calls) {
    const entry = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
    byKernel.set(k.name, { ms: entry.ms + k.ms, calls: entry.calls + 1 });
  }
  const total = calls.reduce((sum, k) => sum + k.ms, 0);
  console.log(`kernels of one FGSM (fastest of 5 per call), total ${total.toFixed(1)} ms:`);
  for (const [name, { ms, calls: n }] of [...byKernel]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 12)) {
    console.log(`  ${name.padEnd(38)} ${ms.toFixed(1).padStart(7)} ms  ${n} calls`);
  }
  const slowest = [...calls].sort((a, b) => b.ms - a.ms).slice(0, 8);
  console.log('slowest calls:');
  for (const k of slowest) console.log(`  ${k.name} ${k.shapes} ${k.ms.toFixed(1)} ms`);
}

async function main(): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  registerWasmMatMul();
  registerWasmFallbackKernels();
  registerBatchNormGradient();
  if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend("wasm") failed');
  await tf.ready();
  const own = await loadOwnModel(MOBILENET_MANIFEST, mobileNetFetch(values.dir));
  const c = own.classifier;
  const x = image();
  const fgsm = () => attackImage(c, x, { mode: 'fgsm', eps: 0.01, labelSource: 'predicted' });
  const repeats = Number(values.repeats);
  if (values.profile) await profile(fgsm);
  console.log(`MobileNet v1 0.25, tfjs wasm (Node ${process.version}), ${own.notes[0] ?? ''}`);
  console.log(`one FGSM + re-prediction: ${await timeBoth(fgsm, repeats, 2)}`);
  if (values['no-sweep']) return own.release();
  const sweep = () => sweepImage(c, x, { epsMax: 0.05, points: 201, labelSource: 'predicted' });
  const coarse = () => sweepImage(c, x, { epsMax: 0.05, points: 21, labelSource: 'predicted' });
  const sweeps = Math.max(1, Math.round(repeats / 5));
  console.log(`eps-sweep, 21 points (the first curve): ${await timeBoth(coarse, sweeps, 1)}`);
  console.log(`eps-sweep, 201 points: ${await timeBoth(sweep, sweeps, 1)}`);
  own.release();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
