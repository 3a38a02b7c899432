/**
 * An own model as a model-cache entry: loaded and checked (ownModelLoad), then warmed up with
 * one attack, so a model that loads but cannot be differentiated is refused now, not later.
 */
import type { ModelManifest } from '../../models/manifest';
import { attackImage, EngineError } from '../core';
import { registerWasmFallbackKernels } from '../core/wasmFallbackKernels';
import type { CachedModel } from './modelCache';
import type { OwnFetch } from './ownModelFetch';
import { loadOwnModel } from './ownModelLoad';

export async function ownModelEntry(
  manifest: ModelManifest,
  fetchImpl: OwnFetch,
): Promise<CachedModel> {
  // own models are often conv nets, whose gradients need these on wasm
  registerWasmFallbackKernels();
  const own = await loadOwnModel(manifest, fetchImpl);
  const [height, width, channels] = own.classifier.inputShape;
  try {
    await attackImage(
      own.classifier,
      { data: new Float32Array(height * width * channels), height, width, channels },
      { mode: 'fgsm', eps: 0.01, labelSource: 'predicted' },
    );
  } catch (e) {
    own.release();
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
    info: {
      id: manifest.id,
      numClasses: own.classifier.numClasses,
      inputShape: [...own.classifier.inputShape],
      parameterCount: own.parameterCount,
      notes: own.notes,
      output: own.manifest.output,
    },
  };
}
