/**
 * Which workloads each backend runs for each kind of model, and on how many images: what a
 * CPU-only 2-core machine finishes in reasonable time (bench/README.md, "Cuts"). One place for
 * the Node bench, the browser bench and the GPU entry.
 */
import type { ModelManifest } from '../../src/models/manifest';
import type { Repeats } from './workloads';

/** what `npm run bench` measures unless --models says otherwise */
export const DEFAULT_MODELS = 'mnist-maxout,mnist-softmax,cifar10-conv';

/** 'mlp': flat input (the first-layer fast path may apply); 'conv': image input, general path. */
export type ModelKind = 'mlp' | 'conv';

export function modelKind(manifest: Pick<ModelManifest, 'modelInputShape'>): ModelKind {
  return manifest.modelInputShape.length === 1 ? 'mlp' : 'conv';
}

export interface Cut {
  workloads: readonly string[];
  /** images in the test-set workload (evenly spread over the set when fewer than all) */
  testSetCount: number;
  /** images in the one-batch FGSM (the conv net's activations for 10,000 do not fit wasm) */
  batchCount: number;
  /** upper bounds on the repeats */
  maxRepeats: Repeats;
  note?: string;
}

const ALL = [
  'load',
  'fgsm',
  'sweep201',
  'map64',
  'map128',
  'map64-noclip',
  'map128-noclip',
  'testset',
  'fgsm-batch',
];
const NO_CAP: Repeats = { small: Infinity, map: Infinity, testSet: Infinity };
const FULL: Cut = { workloads: ALL, testSetCount: 10_000, batchCount: 10_000, maxRepeats: NO_CAP };
const SMALL_ONLY = ['load', 'fgsm', 'sweep201'];

/** MLPs: what the bench ran before conv nets existed. */
const MLP_CUTS: Record<string, Cut> = {
  'node:cpu': {
    ...FULL,
    workloads: ['load', 'fgsm', 'sweep201', 'map64', 'map64-noclip', 'testset'],
    testSetCount: 1000,
    note: 'cpu: test set cut to 1,000 images, no 128x128 maps (minutes otherwise)',
  },
  'node:wasm-nopatch': { ...FULL, workloads: ['fgsm', 'sweep201', 'map64', 'testset'] },
  'chromium:cpu': {
    ...FULL,
    workloads: ALL.filter((w) => w !== 'map128'),
    maxRepeats: { ...NO_CAP, map: 1 },
    testSetCount: 1000,
    note: 'cpu: test set cut to 1,000 images, no 128x128 clipped map (minutes otherwise)',
  },
  'chromium:webgl': {
    ...FULL,
    workloads: ['load', 'fgsm', 'sweep201', 'map64', 'map64-noclip', 'testset'],
    testSetCount: 1000,
    maxRepeats: { ...NO_CAP, small: 5, map: 1 },
    note: 'webgl on SwiftShader: test set cut to 1,000 images, no 128x128 maps',
  },
  'chromium:webgpu': {
    ...FULL,
    workloads: SMALL_ONLY,
    testSetCount: 0,
    maxRepeats: { ...NO_CAP, small: 5 },
    note: 'webgpu on SwiftShader (CPU-emulated): only FGSM and the sweep (maps and the test set take minutes)',
  },
};

/**
 * The conv net costs about 8x an MLP's multiply-adds per image, on slower kernels: on 2 loaded
 * cores its 10,000-image test set took 220 s and a 64x64 map 11 s on wasm.
 */
const CONV_WASM: Cut = {
  workloads: ['load', 'fgsm', 'sweep201', 'map64', 'map64-noclip', 'testset', 'fgsm-batch'],
  testSetCount: 2000,
  batchCount: 1000,
  maxRepeats: { small: 10, map: 2, testSet: 1 },
  note: 'conv net on CPU: no 128x128 maps; test set 2,000 images (evenly spread), one run; one-batch FGSM on 1,000',
};
/** the page has no one-batch FGSM */
const CONV_PAGE: Cut = {
  ...CONV_WASM,
  workloads: CONV_WASM.workloads.filter((w) => w !== 'fgsm-batch'),
  batchCount: 0,
  note: 'conv net on CPU: no 128x128 maps; test set 2,000 images (evenly spread), one run',
};
/** cpu and SwiftShader: one conv FGSM took 3.7 s and a sweep 8.6 s on the Node cpu backend */
const CONV_SLOW: Cut = {
  workloads: ['load', 'fgsm'],
  testSetCount: 0,
  batchCount: 0,
  maxRepeats: { small: 5, map: 0, testSet: 0 },
};
const CONV_CUTS: Record<string, Cut> = {
  'node:wasm': CONV_WASM,
  'node:cpu': { ...CONV_SLOW, note: 'conv net on cpu: only FGSM, 5 runs' },
  'node:webgpu': { ...FULL, batchCount: 1000, note: 'conv net: one-batch FGSM on 1,000 images' },
  'chromium:auto': CONV_PAGE,
  'chromium:wasm': CONV_PAGE,
  'chromium:cpu': { ...CONV_SLOW, note: 'conv net on cpu: only FGSM, 5 runs' },
  'chromium:webgl': { ...CONV_SLOW, note: 'conv net, webgl on SwiftShader: only FGSM, 5 runs' },
  'chromium:webgpu': { ...CONV_SLOW, note: 'conv net, webgpu on SwiftShader: only FGSM, 5 runs' },
};

/**
 * The cut for one backend ('node:wasm', 'chromium:auto', ...) and kind of model, or why that
 * pair is not run at all.
 */
export function cutFor(backend: string, kind: ModelKind): Cut | string {
  if (kind === 'conv') {
    if (backend === 'node:wasm-nopatch') return 'plain tfjs wasm has no conv filter gradient';
    return CONV_CUTS[backend] ?? CONV_WASM;
  }
  return MLP_CUTS[backend] ?? FULL;
}

/** `repeats` bounded by the cut. */
export function cappedRepeats(repeats: Repeats, cut: Cut): Repeats {
  return {
    small: Math.min(repeats.small, cut.maxRepeats.small),
    map: Math.min(repeats.map, cut.maxRepeats.map),
    testSet: Math.min(repeats.testSet, cut.maxRepeats.testSet),
  };
}

/** Evenly spread indices 0, n/count, 2n/count, ... (CIFAR-10's test set is sorted by class). */
export function spreadIndices(n: number, count: number): number[] {
  const k = Math.max(0, Math.min(n, Math.floor(count)));
  return Array.from({ length: k }, (_, i) => Math.floor((i * n) / k));
}
