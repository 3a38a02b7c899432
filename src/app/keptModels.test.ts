/**
 * Trained models kept in this browser (keptModels.ts, data/keptModelStore.ts): restored into the
 * picker at start, a link naming one selects it, kept from the lab, removed; a browser without
 * IndexedDB or with full storage gives a message naming the cause and the app goes on.
 */
import { describe, expect, it } from 'vitest';
import type { TrainedModel } from '../engine/api';
import {
  indexedDbKeptModels,
  storageError,
  type KeptModelRecord,
  type KeptModelStore,
} from './data/keptModelStore';
import { dataset, manifest, ScriptedClient, settle, setup } from './effectsHarness';
import { startAppEffects } from './effects';
import { keepTrainedModel, removalStatus, removeKeptModel, restoreKeptModels } from './keptModels';
import { createAppStore } from '../state/store';

const model: TrainedModel = {
  title: 'Softmax regression, FGSM eps 0.25',
  architecture: 'softmax regression 784-10',
  modelJson: JSON.stringify({ weightsManifest: [{ paths: ['weights.bin'], weights: [] }] }),
  weights: Uint8Array.from([1, 2, 3, 4]),
};

/** The store's contract in memory (IndexedDB itself runs in the e2e test). */
class MemoryKeptModels implements KeptModelStore {
  records = new Map<string, KeptModelRecord>();
  failWith: unknown = null;
  private check(): void {
    if (this.failWith) throw this.failWith;
  }
  async list() {
    this.check();
    return [...this.records.values()].sort((a, b) => a.keptAt - b.keptAt);
  }
  async put(record: KeptModelRecord) {
    this.check();
    this.records.set(record.id, record);
  }
  async remove(id: string) {
    this.check();
    this.records.delete(id);
  }
}

const record = (id: string, keptAt: number): KeptModelRecord => ({
  id,
  ...model,
  dataset: 'mnist',
  keptAt,
});

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('models kept in this browser', () => {
  it('join the picker after the shipped ones at start, "(trained here)", none selected', async () => {
    const kept = new MemoryKeptModels();
    kept.records.set('own-trained-b', record('own-trained-b', 2));
    kept.records.set('own-trained-a', record('own-trained-a', 1));
    const { store, stop } = await setup(undefined, { keptModels: kept });
    const list = store.getState().modelList;
    expect(list.status === 'ready' && list.models.map((m) => m.id)).toEqual([
      'a',
      'b',
      'own-trained-a',
      'own-trained-b',
    ]);
    const restored = store.getState().customModels[0];
    expect(restored?.title).toBe('Softmax regression, FGSM eps 0.25 (trained here)');
    expect(restored?.url).toMatch(/^blob:/);
    expect(store.getState().keptModelIds).toEqual(['own-trained-a', 'own-trained-b']);
    expect(store.getState().selectedModelId).toBe('a');
    stop();
  });

  it('a link naming a kept model selects it, with no "no such model" error', async () => {
    const kept = new MemoryKeptModels();
    kept.records.set('own-trained-x', record('own-trained-x', 1));
    const store = createAppStore();
    store.setState({ selectedModelId: 'own-trained-x' });
    const scripted = new ScriptedClient();
    const stop = startAppEffects(store, {
      client: scripted.asClient(),
      modelsBaseUrl: 'http://x/models/',
      dataBaseUrl: 'http://x/',
      fetchModelIndex: async () => ({ version: 1, models: [manifest('a')] }),
      loadTestSet: async () => dataset,
      keptModels: kept,
    });
    await settle();
    await settle();
    expect(store.getState().selectedModelId).toBe('own-trained-x');
    expect(store.getState().errors).toEqual([]);
    expect(scripted.loads).toContain('own-trained-x');
    stop();
  });

  it('a link naming a model of another session says it was not kept', async () => {
    const store = createAppStore();
    store.setState({ selectedModelId: 'own-trained-gone' });
    const stop = startAppEffects(store, {
      client: new ScriptedClient().asClient(),
      modelsBaseUrl: 'http://x/models/',
      dataBaseUrl: 'http://x/',
      fetchModelIndex: async () => ({ version: 1, models: [manifest('a')] }),
      loadTestSet: async () => dataset,
      keptModels: new MemoryKeptModels(),
    });
    await settle();
    await settle();
    expect(store.getState().selectedModelId).toBe('a');
    expect(store.getState().errors.map((e) => e.message)).toEqual([
      'Model "own-trained-gone" came from another session and is not kept in this browser; showing another one.',
    ]);
    stop();
  });

  it('storage that fails to read leaves the shipped models and says why', async () => {
    const kept = new MemoryKeptModels();
    kept.failWith = new DOMException('disk I/O error', 'UnknownError');
    const { store, stop } = await setup(undefined, { keptModels: kept });
    const list = store.getState().modelList;
    expect(list.status === 'ready' && list.models.map((m) => m.id)).toEqual(['a', 'b']);
    expect(store.getState().errors.map((e) => e.message)).toEqual([
      "Could not finish reading the models kept in this browser in this browser's storage: disk I/O error",
    ]);
    stop();
  });

  it('a browser without IndexedDB restores nothing, silently, and refuses to keep with a reason', async () => {
    // Node has no IndexedDB, as a private window of some browsers
    expect(globalThis.indexedDB).toBeUndefined();
    const none = indexedDbKeptModels();
    const store = createAppStore();
    expect(await restoreKeptModels(store, none)).toEqual({ ok: true });
    const outcome = await keepTrainedModel(store, none, 'own-trained-1', model, 'mnist');
    expect(outcome).toEqual({
      ok: false,
      message:
        'Could not finish keeping the model: this browser keeps no data for this page (IndexedDB is not available: a private window, or site data is blocked); the model stays until you close the page, and "Download model" saves it',
    });
    expect(store.getState().keptModelIds).toEqual([]);
    expect(store.getState().customModels).toEqual([]);
  });

  it('keeping writes the model and lists it; full storage says so and changes nothing', async () => {
    const kept = new MemoryKeptModels();
    const { store, stop } = await setup(undefined, { keptModels: kept });
    kept.failWith = quota();
    const full = await keepTrainedModel(store, kept, 'own-trained-1', model, 'mnist');
    expect(full.ok).toBe(false);
    expect(!full.ok && full.message).toMatch(/storage for this site is full; remove a kept model/);
    expect(store.getState().customModels).toEqual([]);
    kept.failWith = null;
    expect(await keepTrainedModel(store, kept, 'own-trained-1', model, 'mnist')).toEqual({
      ok: true,
    });
    expect(kept.records.get('own-trained-1')?.modelJson).toBe(model.modelJson);
    expect(store.getState().keptModelIds).toEqual(['own-trained-1']);
    const list = store.getState().modelList;
    expect(list.status === 'ready' && list.models.map((m) => m.id)).toContain('own-trained-1');
    // keeping does not take the user away from the model they look at
    expect(store.getState().selectedModelId).toBe('a');
    stop();
  });

  it('removing a selected kept model forgets it everywhere and shows another model', async () => {
    const kept = new MemoryKeptModels();
    kept.records.set('own-trained-x', record('own-trained-x', 1));
    const { store, scripted, stop } = await setup(undefined, { keptModels: kept });
    store.getState().selectModel('own-trained-x');
    kept.failWith = new DOMException('no', 'UnknownError');
    const failed = await removeKeptModel(store, kept, scripted.asClient(), 'own-trained-x');
    expect(!failed.ok && failed.message).toMatch(/^Could not finish removing the model/);
    expect(store.getState().selectedModelId).toBe('own-trained-x');
    kept.failWith = null;
    const removed = await removeKeptModel(store, kept, scripted.asClient(), 'own-trained-x');
    // what was removed and what shows now, for the status line
    expect(removed).toEqual({
      ok: true,
      removed: 'Softmax regression, FGSM eps 0.25 (trained here)',
      selected: 'Model a',
    });
    expect(removed.ok && removalStatus(removed)).toBe(
      'Removed “Softmax regression, FGSM eps 0.25 (trained here)” from this browser. Now selected: Model a.',
    );
    expect(kept.records.size).toBe(0);
    expect(store.getState().keptModelIds).toEqual([]);
    expect(store.getState().customModels).toEqual([]);
    expect(store.getState().selectedModelId).toBe('a');
    expect(scripted.unloads).toEqual(['own-trained-x']);
    stop();
  });

  it('the status says when no model is left to select', () => {
    expect(removalStatus({ ok: true, removed: 'X (trained here)', selected: null })).toBe(
      'Removed “X (trained here)” from this browser. No model is selected now.',
    );
  });

  it('names the cause of each storage failure', () => {
    expect(storageError(quota(), 'keeping the model').reason).toBe('full');
    expect(
      storageError(new DOMException('denied', 'SecurityError'), 'keeping the model').reason,
    ).toBe('unavailable');
    expect(
      storageError(new DOMException('private', 'InvalidStateError'), 'keeping the model').message,
    ).toMatch(/IndexedDB is not available/);
    expect(storageError(new Error('boom'), 'keeping the model').message).toBe(
      "Could not finish keeping the model in this browser's storage: boom",
    );
  });
});
