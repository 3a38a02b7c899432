/**
 * The policy of scripts/ensure-data.ts: prepare only what is missing; MNIST and Fashion-MNIST
 * are required, CIFAR-10 may be skipped (the app works without it).
 */
import type { BundledDatasetId } from '../../src/shared/dataset';
import {
  missingDatasets,
  runDataStep,
  type DataStepOptions,
  type DataStepResult,
} from './dataStep';

export const OPTIONAL_DATASETS: readonly BundledDatasetId[] = ['cifar10'];

export interface EnsureResult {
  /** undefined: everything was there, nothing ran */
  step?: DataStepResult;
  requiredFailed: BundledDatasetId[];
  optionalSkipped: BundledDatasetId[];
}

export async function ensureData(opts: DataStepOptions = {}): Promise<EnsureResult> {
  const missing = missingDatasets(opts);
  if (missing.length === 0) return { requiredFailed: [], optionalSkipped: [] };
  opts.log?.(`ensure-data: preparing ${missing.join(', ')}`);
  const step = await runDataStep({ ...opts, only: missing });
  const failed = step.failed.map((f) => f.id);
  return {
    step,
    requiredFailed: failed.filter((id) => !OPTIONAL_DATASETS.includes(id)),
    optionalSkipped: failed.filter((id) => OPTIONAL_DATASETS.includes(id)),
  };
}
