/**
 * A model of the zoo (or an ensemble of loaded ones) as a model-cache entry: its manifest
 * checked, its LayersModel loaded and adapted, then warmed up and measured (workEstimate.ts),
 * so its kernels compile now, not at the first attack. Own models take ownModelEntry.ts.
 */
import type * as tf from '@tensorflow/tfjs';
import type { LoadedModelInfo } from '../api';
import type { ModelManifest } from '../../models/manifest';
import { ModelIndexError, parseModelManifest } from '../../models/registry';
import {
  classifierFromLayersModel,
  EngineError,
  ensembleClassifier,
  type Classifier,
} from '../core';
import type { CachedModel } from './modelCache';
import { measureCost } from './workEstimate';
import { breakingCause } from '../breakage';
import { markStartup } from '../../shared/startupMarks';
import { offlineReason } from '../../shared/offline';

export interface ShippedModelDeps {
  /** loads a LayersModel from a URL */
  loadLayersModel: (url: string) => Promise<tf.LayersModel>;
  /** a loaded model's classifier (an ensemble's members) */
  classifierOf: (id: string) => Classifier;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Refuses a manifest that is not one: it crossed the worker boundary unchecked, so it gets the
 * same checks as an entry of models/index.json (models/registry.ts).
 */
export function checkManifest(manifest: unknown, baseUrl: unknown): void {
  if (typeof baseUrl !== 'string') {
    throw new EngineError('invalid-argument', 'model manifest: baseUrl must be a string');
  }
  try {
    parseModelManifest(manifest, 'manifest');
  } catch (e) {
    if (!(e instanceof ModelIndexError)) throw e;
    throw new EngineError('invalid-argument', `model manifest: ${e.path}: ${e.problem}`);
  }
}

/** Loads, adapts, warms up and measures one model. */
export async function shippedModelEntry(
  manifest: ModelManifest,
  baseUrl: string,
  deps: ShippedModelDeps,
): Promise<CachedModel> {
  if (manifest.format === 'graph') {
    throw new EngineError('model-load-failed', `${manifest.id}: graph models are not supported`);
  }
  let model: tf.LayersModel | null = null;
  let classifier: Classifier;
  let notes: string[];
  if (manifest.members !== undefined) {
    classifier = ensembleClassifier(
      manifest.members.map((member) => deps.classifierOf(member)),
      manifest.id,
    );
    notes = [`ensemble of ${manifest.members.join(', ')}: mean of the members' probabilities`];
  } else {
    const url = new URL(manifest.url, baseUrl).href;
    markStartup(`model-fetch:${manifest.id}`);
    try {
      model = await deps.loadLayersModel(url);
      markStartup(`model-fetched:${manifest.id}`);
    } catch (e) {
      if (breakingCause(e) !== null) throw e; // the engine broke, not the model
      const offline = offlineReason(`the model ${manifest.id}`);
      const message = `${manifest.id}: loading ${url} failed: ${messageOf(e)}.${offline}`;
      throw new EngineError('model-load-failed', message, { cause: e });
    }
    try {
      const adapted = classifierFromLayersModel(model, manifest);
      classifier = adapted;
      notes = [...adapted.notes];
    } catch (e) {
      model.dispose();
      throw e;
    }
  }
  let cost;
  try {
    cost = await measureCost(classifier);
  } catch (e) {
    model?.dispose();
    if (breakingCause(e) !== null) throw e;
    const message = `${manifest.id}: warm-up failed: ${messageOf(e)}`;
    throw new EngineError('model-load-failed', message, { cause: e });
  }
  markStartup(`model-warm:${manifest.id}`);
  const info: LoadedModelInfo = {
    id: manifest.id,
    numClasses: classifier.numClasses,
    inputShape: [...classifier.inputShape],
    parameterCount: model?.countParams() ?? 0,
    notes,
    output: manifest.output,
  };
  return { manifest, model, classifier, info, cost };
}
