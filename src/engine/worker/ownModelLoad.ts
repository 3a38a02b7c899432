/**
 * Loads a model the user brought (see ownModelFetch for the download checks): builds the tfjs
 * model from memory (ownModelLayers, ownModelGraphLoad), refuses NaN/Inf weights, decides how
 * its output is read (ownOutputPlan) and adapts it to the Classifier contract. Every failure is
 * an EngineError 'model-load-failed' whose message tells the user what was wrong.
 */
import type { ModelManifest } from '../../models/manifest';
import { OwnModelError } from '../../models/ownModelError';
import { EngineError } from '../core';
import { messageOf, rethrowBreaking } from './ownModelChecks';
import { fetchOwnModel, type OwnFetch } from './ownModelFetch';
import { loadGraph } from './ownModelGraphLoad';
import { loadLayers } from './ownModelLayers';
import type { LoadedOwnModel } from './ownModelTypes';

export type { LoadedOwnModel };

function failed(message: string, cause?: unknown): EngineError {
  return new EngineError('model-load-failed', `your model: ${message}`, { cause });
}

/**
 * Downloads, checks and adapts an own model. `manifest.classNames` may be empty (names become
 * 'class 0..N-1'); otherwise their count must equal the model's classes.
 */
export async function loadOwnModel(
  manifest: ModelManifest,
  fetchImpl: OwnFetch,
): Promise<LoadedOwnModel> {
  const names = manifest.classNames.length > 0 ? manifest.classNames : null;
  try {
    const { facts, artifacts, weightFiles } = await fetchOwnModel(manifest.url, fetchImpl);
    if (facts.format !== manifest.format) {
      throw new OwnModelError(
        `model.json is a ${facts.format} model, not a ${manifest.format} model`,
      );
    }
    return facts.format === 'graph'
      ? await loadGraph(artifacts, facts, manifest, names)
      : await loadLayers(artifacts, manifest, names, weightFiles);
  } catch (e) {
    if (e instanceof EngineError) throw e;
    if (e instanceof OwnModelError) throw failed(e.message, e);
    rethrowBreaking(e);
    throw failed(`loading failed (${messageOf(e)})`, e);
  }
}
