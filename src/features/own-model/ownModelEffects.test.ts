/**
 * The own-model request in the store: a failed load leaves the selected model alone and shows
 * the engine's message; a successful one adds the model with its class names (the user's, or
 * class 0..N-1 from the engine's class count) to the picker, selects it, and hands its load
 * result to the app's model effect (takePreloaded) so it is not loaded twice.
 */
import { describe, expect, it } from 'vitest';
import type { LoadedModelInfo } from '../../engine/api';
import { EngineCallError, type EngineClient } from '../../engine/clientApi';
import type { ModelManifest } from '../../models/manifest';
import { selectUnnormalisedProbabilities } from '../../state/selectors';
import { createAppStore } from '../../state/store';
import { startOwnModelEffects } from './ownModelEffects';
import { takePreloaded } from './preloaded';

function manifest(id: string, classNames: string[] = []): ModelManifest {
  return {
    id,
    title: `${id} (your model)`,
    dataset: 'custom',
    classNames,
    inputShape: [8, 8, 3],
    modelInputShape: [8, 8, 3],
    preprocessing: { recipe: 'photo', colour: 'rgb', range: '0-1' },
    output: 'logits',
    format: 'layers',
    url: 'blob:http://x/1',
    architecture: 'test',
  };
}

/** A client whose loadModel answers with `answer`; records what is unloaded. */
function fakeClient(
  answer: (m: ModelManifest) => Promise<LoadedModelInfo>,
  unloaded: string[] = [],
): EngineClient {
  return {
    loadModel: (m: ModelManifest) => answer(m),
    unloadModel: (id: string) => {
      unloaded.push(id);
      return Promise.resolve();
    },
  } as unknown as EngineClient;
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function storeWithModel() {
  const store = createAppStore();
  const shipped = { ...manifest('shipped', ['a', 'b']), dataset: 'mnist' as const };
  store.getState().setModelList({ status: 'ready', models: [shipped] });
  store.getState().selectModel('shipped');
  return store;
}

describe('own-model effect', () => {
  it('a failed load keeps the selected model and shows the message', async () => {
    const store = storeWithModel();
    const stop = startOwnModelEffects(
      store,
      fakeClient(() => Promise.reject(new EngineCallError('model-load-failed', 'your model: bad'))),
    );
    store.getState().requestOwnModel(manifest('own-1'), null);
    expect(store.getState().ownModelStatus.kind).toBe('loading');
    await flush();
    expect(store.getState().ownModelStatus).toEqual({ kind: 'error', message: 'your model: bad' });
    expect(store.getState().selectedModelId).toBe('shipped');
    expect(store.getState().customModels).toEqual([]);
    stop();
  });

  it('a loaded model joins the list with class 0..N-1, is selected, and is not loaded twice', async () => {
    const store = storeWithModel();
    const info: LoadedModelInfo = {
      id: 'own-2',
      numClasses: 3,
      inputShape: [8, 8, 3],
      parameterCount: 10,
      notes: ['attacking the logits'],
      output: 'logits',
    };
    const stop = startOwnModelEffects(
      store,
      fakeClient(() => Promise.resolve(info)),
    );
    store.getState().requestOwnModel(manifest('own-2'), null);
    await flush();
    const s = store.getState();
    expect(s.selectedModelId).toBe('own-2');
    const added = s.customModels[0];
    expect(added?.classNames).toEqual(['class 0', 'class 1', 'class 2']);
    expect(s.modelList.status === 'ready' && s.modelList.models.map((m) => m.id)).toEqual([
      'shipped',
      'own-2',
    ]);
    expect(s.ownModelStatus).toEqual({ kind: 'loaded', id: 'own-2', notes: info.notes });
    expect(added && takePreloaded(added)).toEqual(info);
    expect(added && takePreloaded(added)).toBeUndefined();
    stop();
  });

  it("takes the engine's output kind: a model ending in an RBF layer joins as 'rbf'", async () => {
    const store = storeWithModel();
    const info: LoadedModelInfo = {
      id: 'own-3',
      numClasses: 3,
      inputShape: [8, 8, 3],
      parameterCount: 10,
      notes: [],
      output: 'rbf',
    };
    const stop = startOwnModelEffects(
      store,
      fakeClient(() => Promise.resolve(info)),
    );
    store.getState().requestOwnModel(manifest('own-3'), null);
    await flush();
    expect(store.getState().customModels[0]?.output).toBe('rbf');
    expect(selectUnnormalisedProbabilities(store.getState())).toBe(true);
    stop();
  });

  it('names that do not fit: the message names their source, offers the background fix, unloads', async () => {
    const store = storeWithModel();
    const unloaded: string[] = [];
    const asked: ModelManifest[] = [];
    const info: LoadedModelInfo = {
      id: 'own-4',
      numClasses: 1001,
      inputShape: [8, 8, 3],
      parameterCount: 10,
      notes: [],
      output: 'logits',
    };
    const stop = startOwnModelEffects(
      store,
      fakeClient((m) => {
        asked.push(m);
        return Promise.resolve(info);
      }, unloaded),
    );
    const names = Array.from({ length: 1000 }, (_, i) => `n${i}`);
    store.getState().requestOwnModel(manifest('own-4'), names, 'imagenet_classes.json');
    await flush();
    // the engine is asked without names: it reports the model's class count
    expect(asked[0]?.classNames).toEqual([]);
    const status = store.getState().ownModelStatus;
    expect(status.kind === 'error' && status.message).toMatch(
      /^imagenet_classes\.json has 1000 names but the model has 1001 outputs/,
    );
    expect(status.kind === 'error' && status.classCount).toEqual({ names: 1000, outputs: 1001 });
    expect(unloaded).toEqual(['own-4']);
    expect(store.getState().selectedModelId).toBe('shipped');
    // the one-click fix: background first
    store.getState().requestOwnModel(manifest('own-4'), ['background', ...names], 'x');
    await flush();
    expect(store.getState().customModels[0]?.classNames.slice(0, 2)).toEqual(['background', 'n0']);
    stop();
  });
});
