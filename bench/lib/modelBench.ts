/**
 * One model on the active tfjs backend in Node (bench/node.ts, bench/gpu-entry.ts): its manifest
 * picks the test set and the cut, then load + the workloads, as WorkloadResult rows.
 */
import { join } from 'node:path';
import type { ExperimentImages } from '../../src/engine/api';
import type { BundledDatasetId } from '../../src/shared/dataset';
import { cappedRepeats, cutFor, modelKind } from './cuts';
import { loadTimed, manifestOf } from './nodeModels';
import { assertShape, bundledDataset, imageOf, loadTestSet, spreadSubset } from './testSet';
import type { WorkloadResult } from './types';
import { runWorkloads, type Repeats } from './workloads';

export interface ModelBenchOptions {
  /** the repository root (models/ and data/ under it) */
  repo: string;
  /** 'wasm', 'cpu', 'webgpu', ...: the result rows' backend, and 'node:<backend>' picks the cut */
  backend: string;
  repeats: Repeats;
  loadRepeats: number;
  /** further limits from the command line */
  only?: readonly string[];
  maxTestSet?: number;
  log: (line: string) => void;
}

/** Test sets by dataset, read once per process. */
const testSets = new Map<BundledDatasetId, ExperimentImages>();

function testSetOf(repo: string, id: BundledDatasetId): ExperimentImages {
  const cached = testSets.get(id) ?? loadTestSet(join(repo, 'data'), id);
  testSets.set(id, cached);
  return cached;
}

export async function benchModel(
  id: string,
  o: ModelBenchOptions,
): Promise<{ results: WorkloadResult[]; skipped?: string }> {
  const manifest = manifestOf(join(o.repo, 'models'), id);
  const cut = cutFor(`node:${o.backend}`, modelKind(manifest));
  if (typeof cut === 'string') return { results: [], skipped: `node ${o.backend}: ${id}: ${cut}` };
  const only = cut.workloads.filter((w) => !o.only || o.only.includes(w));
  const all = testSetOf(o.repo, bundledDataset(manifest.dataset));
  assertShape(all.shape, manifest.inputShape, id);
  const image = imageOf(all, 0);
  const testImages = spreadSubset(all, Math.min(cut.testSetCount, o.maxTestSet ?? Infinity));
  const batchImages = spreadSubset(all, cut.batchCount);
  o.log(`[${o.backend}] ${id}: ${only.join(', ')}`);
  const loaded = await loadTimed(join(o.repo, 'models'), id, o.loadRepeats);
  const base = { model: id, host: 'node' as const, backend: o.backend };
  const results: WorkloadResult[] = [];
  if (only.includes('load')) results.push({ ...base, workload: 'load', ms: loaded.ms });
  try {
    const measured = await runWorkloads(loaded.classifier, image, testImages, {
      repeats: cappedRepeats(o.repeats, cut),
      only,
      batchImages,
      log: o.log,
    });
    for (const m of measured) {
      const note = [m.note, cut.note].filter(Boolean).join('; ');
      results.push({ ...base, ...m, ...(note ? { note } : {}) });
    }
  } finally {
    loaded.dispose();
  }
  return { results };
}
