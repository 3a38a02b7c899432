/**
 * What the cross-section view's default costs with both planes (each image's FGSM x random map
 * beside its random x random map) against the FGSM maps alone, in Node through the engine's own
 * crossSectionImage, on the view's defaults: 6 MNIST test images, 64 x 64, eps in [-0.5, 0.5],
 * clipped to [0, 1]. Also prints what the maps show (maps whose rows mostly leave the true class
 * moving right, the median nearest wrong cell): the contrast the pairs are for.
 *
 *   npx tsx bench/mapPairs.ts [--backend wasm|cpu] [--models mnist-softmax,mnist-maxout]
 *                             [--images 6] [--resolution 64] [--repeats 2]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { crossSectionImage, type Classifier } from '../src/engine/core';
import { registerWasmMatMul } from '../src/engine/core/wasmMatMul';
import { registerWasmFallbackKernels } from '../src/engine/core/wasmFallbackKernels';
import { mapFacts } from '../src/shared/mapFacts';
import { planesShown, type MapHorizontal, type MapPlanes } from '../src/shared/vocabulary';
import { loadTimed } from './lib/nodeModels';
import { imageOf, loadTestSet } from './lib/testSet';

const REPO = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    models: { type: 'string', default: 'mnist-softmax,mnist-maxout' },
    images: { type: 'string', default: '6' },
    resolution: { type: 'string', default: '64' },
    repeats: { type: 'string', default: '2' },
  },
});

/** the view's default range on MNIST (the slider's largest eps) */
const EPS_MAX = 0.5;

interface PlaneRun {
  ms: number;
  /** per plane: maps whose rows mostly flip moving right, and the median nearest wrong cell */
  facts: Record<MapHorizontal, { flipping: number; nearest: number | null; maps: number }>;
}

const set = loadTestSet(join(REPO, 'data'), 'mnist');

async function runPlanes(c: Classifier, planes: MapPlanes, images: number): Promise<PlaneRun> {
  const resolution = Number(values.resolution);
  const facts = {} as PlaneRun['facts'];
  const nearest: Record<MapHorizontal, number[]> = { fgsm: [], random: [] };
  const t0 = performance.now();
  for (let i = 0; i < images; i++) {
    const { image, label } = imageOf(set, i);
    for (const horizontal of planesShown(planes)) {
      const result = await crossSectionImage(c, image, {
        epsMax: EPS_MAX,
        resolution,
        seed: 0,
        horizontal,
        labelSource: 'true',
        trueLabel: label,
        clip: [0, 1],
      });
      const f = mapFacts(result.predictedClass, resolution, result.epsMax, label);
      const entry = (facts[horizontal] ??= { flipping: 0, nearest: null, maps: 0 });
      entry.maps++;
      if (f.rowsFlipping >= 0.5) entry.flipping++;
      if (f.nearestWrong !== null) nearest[horizontal].push(f.nearestWrong);
    }
  }
  const ms = performance.now() - t0;
  for (const [plane, entry] of Object.entries(facts) as [
    MapHorizontal,
    PlaneRun['facts']['fgsm'],
  ][]) {
    const sorted = nearest[plane].sort((a, b) => a - b);
    entry.nearest = sorted[sorted.length >> 1] ?? null;
  }
  return { ms, facts };
}

async function main(): Promise<void> {
  if (values.backend === 'wasm') {
    registerWasmMatMul();
    registerWasmFallbackKernels();
  }
  if (!(await tf.setBackend(values.backend === 'cpu' ? 'cpu' : 'wasm')))
    throw new Error(`tf.setBackend(${values.backend}) failed`);
  await tf.ready();
  const images = Number(values.images);
  const repeats = Math.max(1, Number(values.repeats));
  process.stdout.write(
    `${tf.getBackend()}, ${images} images, ${values.resolution} x ${values.resolution}, eps +-${EPS_MAX}, best of ${repeats}\n`,
  );
  for (const id of values.models.split(',').filter(Boolean)) {
    const loaded = await loadTimed(join(REPO, 'models'), id, 1);
    try {
      await runPlanes(loaded.classifier, 'fgsm', 1); // warm-up
      for (const planes of ['fgsm', 'both'] as const) {
        let best: PlaneRun | null = null;
        for (let r = 0; r < repeats; r++) {
          const run = await runPlanes(loaded.classifier, planes, images);
          if (!best || run.ms < best.ms) best = run;
        }
        if (!best) continue;
        const shown = Object.entries(best.facts)
          .map(
            ([plane, f]) =>
              `${plane}: rows flip in ${f.flipping}/${f.maps} maps, nearest wrong ${f.nearest === null ? 'none' : f.nearest.toFixed(3)}`,
          )
          .join('; ');
        process.stdout.write(
          `${id.padEnd(14)} ${planes.padEnd(5)} ${(best.ms / 1000).toFixed(2)} s  (${shown})\n`,
        );
      }
    } finally {
      loaded.dispose();
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`mapPairs: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
