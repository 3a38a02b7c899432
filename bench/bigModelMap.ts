/**
 * A cross-section map on an ImageNet-size own model, in Node, through the worker's engine
 * (createEngine): the big-model case of issue 13, where a 64x64 map of MobileNet v1 0.25 broke
 * the wasm heap ("memory access out of bounds"). Prints the footprint the engine measured, the
 * batch it chose, the time and the engine's memory.
 *
 *   npx tsx bench/bigModelMap.ts [--backend wasm] [--resolution 64] [--images 1] [--budget-mib 256]
 *
 * --budget-mib 0 turns the memory budget off (batches of up to 2,048 cells, as before).
 * Needs ../shared/models/mobilenet (a third-party model, never committed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { ImageData01, Progress } from '../src/engine/api';
import {
  batchBudget,
  DEFAULT_BATCH_BUDGET_BYTES,
  measuredFootprint,
  setBatchBudget,
} from '../src/engine/core/memoryBudget';
import { createEngine } from '../src/engine/worker/engine';
import {
  MOBILENET_BASE,
  MOBILENET_DIR,
  MOBILENET_MANIFEST,
  mobileNetFetch,
} from './lib/sharedMobileNet';
import { formatSeconds } from '../scripts/lib/progressBar';

const MIB = 1024 * 1024;

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    resolution: { type: 'string', default: '64' },
    images: { type: 'string', default: '1' },
    'budget-mib': { type: 'string', default: String(DEFAULT_BATCH_BUDGET_BYTES / MIB) },
  },
});

/** a smooth seeded picture: the map's cost does not depend on what it shows */
function picture(k: number): ImageData01 {
  const data = new Float32Array(224 * 224 * 3);
  for (let i = 0; i < data.length; i++) data[i] = 0.5 + 0.4 * Math.sin(i / (97 + 13 * k));
  return { data, height: 224, width: 224, channels: 3 };
}

async function main(): Promise<void> {
  if (!existsSync(MOBILENET_DIR))
    throw new Error(`${MOBILENET_DIR} is missing (the third-party MobileNet)`);
  const budgetMib = Number(values['budget-mib']);
  setBatchBudget(budgetMib > 0 ? budgetMib * MIB : Number.MAX_SAFE_INTEGER);
  const engine = createEngine({ fetchOwnModelFile: mobileNetFetch() });
  const backend = values.backend === 'cpu' ? 'cpu' : 'wasm';
  await engine.init({ backend });
  const names = JSON.parse(
    readFileSync(resolve(MOBILENET_DIR, 'imagenet_classes.json'), 'utf8'),
  ) as unknown[];
  await engine.loadModel({ ...MOBILENET_MANIFEST, classNames: names.map(String) }, MOBILENET_BASE);
  const footprint = measuredFootprint('own-mobilenet');
  if (footprint) {
    const perImage = footprint.forwardBytesPerImage;
    process.stdout.write(
      `footprint per image (forward): ${(perImage / MIB).toFixed(2)} MiB -> map batches of at most ` +
        `${Math.max(1, Math.min(2048, Math.floor(batchBudget() / perImage)))} cells\n`,
    );
  }
  const resolution = Number(values.resolution);
  const params = {
    epsMax: 0.1,
    resolution,
    labelSource: 'predicted' as const,
    clip: [0, 1] as [number, number],
  };
  const images = Number(values.images);
  process.stdout.write(
    `MobileNet v1 0.25 (224x224x3), ${backend}, map ${resolution}x${resolution} x ${images}, ` +
      `budget ${budgetMib > 0 ? `${budgetMib} MiB` : 'off'}\n`,
  );
  const started = performance.now();
  for (let k = 0; k < images; k++) {
    const t0 = performance.now();
    let chunks = 0;
    const onProgress = (p: Progress): void => {
      chunks++;
      process.stdout.write(`\r  image ${k + 1}: ${p.done}/${p.total} cells`);
    };
    const { result } = await engine.crossSection(
      'own-mobilenet',
      picture(k),
      params,
      k + 1,
      onProgress,
    );
    const classes = new Set(result.predictedClass).size;
    process.stdout.write(
      `\r  image ${k + 1}: ${formatSeconds((performance.now() - t0) / 1000)}, ${chunks} progress steps, ${classes} classes on the map\n`,
    );
  }
  const { numTensors, numBytes } = tf.memory();
  process.stdout.write(
    `total ${formatSeconds((performance.now() - started) / 1000)}; engine afterwards: ` +
      `${numTensors} tensors, ${(numBytes / MIB).toFixed(1)} MiB\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`bigModelMap: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
