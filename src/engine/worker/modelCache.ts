/**
 * The worker's loaded models, by manifest id. Replacing or removing an entry frees its weights,
 * once no call is running (a map or an experiment may still be using them); ensembles own no
 * weights (their members are entries of their own).
 */
import type * as tf from '@tensorflow/tfjs';
import type { LoadedModelInfo } from '../api';
import type { ModelManifest } from '../../models/manifest';
import { EngineError, type Classifier } from '../core';
import type { ModelCost } from './workEstimate';

export interface CachedModel {
  manifest: ModelManifest;
  /** null for an ensemble */
  model: tf.LayersModel | null;
  classifier: Classifier;
  info: LoadedModelInfo;
  /** what it costs to run, measured at its warm-up (for the work the engine announces) */
  cost: ModelCost;
  /** frees the entry's tensors when `model.dispose()` is not all of it (own models) */
  release?: () => void;
  /** what it was loaded from (manifest, base URL, backend): the same again needs no reload */
  sourceKey?: string;
}

function free(entry: CachedModel): void {
  if (entry.release) entry.release();
  else entry.model?.dispose();
}

export class ModelCache {
  private readonly entries = new Map<string, CachedModel>();
  /** engine calls running now */
  private running = 0;
  /** replaced or removed entries that a running call may still use */
  private retired: CachedModel[] = [];

  /** Counts a call as running until the returned function is called (once). */
  beginCall(): () => void {
    this.running++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.running--;
      if (this.running === 0) {
        const retired = this.retired;
        this.retired = [];
        retired.forEach(free);
      }
    };
  }

  private retire(entry: CachedModel): void {
    if (this.running === 0) free(entry);
    else this.retired.push(entry);
  }

  /** the entry, or undefined when the model is not loaded */
  peek(id: string): CachedModel | undefined {
    return this.entries.get(id);
  }

  get(id: string): CachedModel {
    const entry = this.entries.get(id);
    if (!entry) {
      const loaded = [...this.entries.keys()].join(', ') || 'none';
      throw new EngineError('model-not-loaded', `model ${id} is not loaded (loaded: ${loaded})`);
    }
    return entry;
  }

  /** what the model costs to run, or undefined when it is not loaded */
  costOf(id: string): ModelCost | undefined {
    return this.entries.get(id)?.cost;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Adds or replaces a model; a replaced one is freed. */
  set(entry: CachedModel): void {
    const id = entry.manifest.id;
    const old = this.entries.get(id);
    this.entries.set(id, entry);
    if (old) {
      if (old.model !== entry.model || old.release !== entry.release) this.retire(old);
      this.dropEnsemblesOf(id);
    }
  }

  delete(id: string): void {
    const old = this.entries.get(id);
    if (!old) return;
    this.entries.delete(id);
    this.retire(old);
    this.dropEnsemblesOf(id);
  }

  /** Ensembles hold their members' classifiers, which would now use freed weights. */
  private dropEnsemblesOf(memberId: string): void {
    for (const entry of [...this.entries.values()]) {
      if (entry.manifest.members?.includes(memberId)) this.delete(entry.manifest.id);
    }
  }

  clear(): void {
    for (const id of [...this.entries.keys()]) this.delete(id);
  }
}
