/**
 * An own model as a model-cache entry: loaded and checked (ownModelLoad), then warmed up with
 * one attack (and measured, workEstimate.ts), so a model that loads but cannot be
 * differentiated is refused now, not later.
 */
import type { ModelManifest } from '../../models/manifest';
import { EngineError } from '../core';
import { registerWasmFallbackKernels } from '../core/wasmFallbackKernels';
import type { CachedModel } from './modelCache';
import type { OwnFetch } from './ownModelFetch';
import { rethrowBreaking } from './ownModelChecks';
import { loadOwnModel } from './ownModelLoad';
import { measureCost } from './workEstimate';

export async function ownModelEntry(
  manifest: ModelManifest,
  fetchImpl: OwnFetch,
): Promise<CachedModel> {
  // own models are often conv nets, whose gradients need these on wasm
  registerWasmFallbackKernels();
  const own = await loadOwnModel(manifest, fetchImpl);
  let cost;
  try {
    cost = await measureCost(own.classifier);
  } catch (e) {
    own.release();
    rethrowBreaking(e); // a big model's first attack is where the backend runs out of memory
    const why = e instanceof Error ? e.message : String(e);
    throw new EngineError(
      'model-load-failed',
      `your model: it loads but cannot be attacked (${why})`,
      { cause: e },
    );
  }
  return {
    manifest: own.manifest,
    model: own.model,
    classifier: own.classifier,
    release: own.release,
    cost,
    info: {
      id: manifest.id,
      numClasses: own.classifier.numClasses,
      inputShape: [...own.classifier.inputShape],
      parameterCount: own.parameterCount,
      notes: own.notes,
      output: own.manifest.output,
      outputReport: own.report,
    },
  };
}
