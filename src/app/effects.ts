/**
 * The one place that joins state and engine: it watches the store and calls the engine client,
 * then writes results, timings and errors back. Everything else only reads the store or calls
 * its actions.
 */
import { shallow } from 'zustand/shallow';
import type { EngineClient } from '../engine/clientApi';
import type { ModelIndex, ModelManifest } from '../models/manifest';
import { defaultModel } from '../models/pairs';
import { OWN_MODEL_ID_PREFIX } from '../models/ownModelManifest';
import type { Dataset } from '../shared/dataset';
import {
  selectModels,
  selectProbe,
  selectSelectedManifest,
  selectShownImageKey,
  testSetIdOf,
} from '../state/selectors';
import { currentEngineImage, selectActiveOwn } from '../state/ownImageSelectors';
import type { AppStore } from '../state/store';
import type { AppState, TestSetId } from '../state/types';
import { attackParamsFrom } from './attackParams';
import { loadWithMembers } from './loadWithMembers';
import { errorMessage, isCancelled } from './errors';
import { startOwnImageEffects } from './ownImageEffects';
import { startViewEffects } from './viewEffects';
import { startCompareEffects } from './compareEffects';
import { startProbeLink } from './probeLink';
import { startOwnModelEffects } from '../features/own-model/ownModelEffects';
import { takePreloaded } from '../features/own-model/preloaded';
import { markStartup } from '../shared/startupMarks';
import type { KeptModelStore } from './data/keptModelStore';
import type { TestSetLoadOptions } from './data/testSet';
import { restoreKeptModels } from './keptModels';

export interface EffectsEnv {
  client: EngineClient;
  /** URL of the models/ folder, as the worker should resolve model.json files */
  modelsBaseUrl: string;
  /** the base URL loadTestSet wants: the app's base, ending in '/' (it appends data/<id>/...) */
  dataBaseUrl: string;
  fetchModelIndex(modelsBaseUrl: string): Promise<ModelIndex>;
  loadTestSet(id: TestSetId, baseUrl: string, options?: TestSetLoadOptions): Promise<Dataset>;
  /** models trained in the lab and kept in this browser; absent: none are kept (tests, Node) */
  keptModels?: KeptModelStore;
}

/** how long the model list waits for the models kept in this browser */
const KEPT_MODELS_WAIT_MS = 3000;

/** The fields whose change asks for a new attack result. */
const attackInputs = (s: AppState) => [
  s.selectedModelId,
  s.selectedIndex,
  s.eps,
  s.attackMode,
  s.targetClass,
  s.labelSource,
  s.pgdSteps,
  s.pgdStepSize,
  s.clip[0],
  s.clip[1],
  s.seed,
  // the image, not the set: the first attack is not run again when the rest of the set arrives
  selectShownImageKey(s),
  selectProbe(s),
  selectActiveOwn(s),
];

/** Starts the effects; returns the function that stops them. */
export function startAppEffects(store: AppStore, env: EffectsEnv): () => void {
  const { client } = env;
  let disposed = false;
  /** bumps on every engine (re)start: a model loaded before it is gone */
  let engineGeneration = 0;
  let engineReady: Promise<boolean> = Promise.resolve(false);
  /** `${generation}:${modelId}` of the model the engine holds now */
  let loadedKey: string | null = null;
  let loadToken = 0;
  /** the last model that loaded, to fall back to when another fails */
  let lastGoodModelId: string | null = null;
  /** set while returning to lastGoodModelId, so its success keeps the failure on screen */
  let fallbackModelId: string | null = null;

  const state = () => store.getState();

  function startEngine(): void {
    const preference = state().backendPreference;
    const generation = ++engineGeneration;
    loadedKey = null;
    state().setEngineStatus({ kind: 'starting' });
    markStartup('engine-init');
    engineReady = client.init(preference).then(
      (backend) => {
        markStartup('engine-ready');
        if (disposed || generation !== engineGeneration) return false;
        state().setEngineStatus({ kind: 'ready', backend });
        state().clearErrors('engine');
        return true;
      },
      (e: unknown) => {
        if (disposed || generation !== engineGeneration) return false;
        const message = `The engine could not start with backend "${preference}": ${errorMessage(e)}`;
        state().setEngineStatus({ kind: 'failed', message });
        state().pushError('engine', message);
        return false;
      },
    );
    void loadSelectedModel();
  }

  function ensureTestSet(id: TestSetId): void {
    const current = state().testSets[id];
    if (current && current.status !== 'error') return;
    state().setTestSet(id, { status: 'loading' });
    markStartup(`test-set-fetch:${id}`);
    // the shown image (and those before it) first: the first attack need not wait for the rest
    const onFirst = (first: Dataset): void => {
      markStartup(`test-set-first:${id}`);
      if (!disposed && state().testSets[id]?.status === 'loading')
        state().setTestSet(id, { status: 'partial', dataset: first });
    };
    const firstCount = state().selectedIndex + 1;
    env.loadTestSet(id, env.dataBaseUrl, { onFirst, firstCount }).then(
      (dataset) => {
        markStartup(`test-set:${id}`);
        if (!disposed) state().setTestSet(id, { status: 'ready', dataset });
      },
      (e: unknown) => {
        if (disposed) return;
        const message = errorMessage(e);
        state().setTestSet(id, { status: 'error', message });
        state().pushError('test-set', `Could not load the ${id} test images: ${message}`);
      },
    );
  }

  async function loadSelectedModel(): Promise<void> {
    const manifest = selectSelectedManifest(state());
    if (!manifest) return;
    const token = ++loadToken;
    const generation = engineGeneration;
    const testSet = testSetIdOf(manifest);
    if (testSet) ensureTestSet(testSet);
    state().setModelLoading(true);
    // asked before the engine is ready: the worker downloads the files while its backend starts
    // (an own model was loaded by the own-model effect just before it was selected)
    const preloaded = takePreloaded(manifest);
    const loading = preloaded
      ? Promise.resolve(preloaded)
      : loadWithMembers(client, manifest, selectModels(state()), env.modelsBaseUrl);
    loading.catch(() => undefined); // an engine that failed to start says so itself
    if (!(await engineReady) || disposed || token !== loadToken) {
      if (token === loadToken) state().setModelLoading(false);
      return;
    }
    try {
      const info = await loading;
      if (disposed || token !== loadToken || generation !== engineGeneration) return;
      loadedKey = `${generation}:${manifest.id}`;
      lastGoodModelId = manifest.id;
      markStartup(`model-loaded:${manifest.id}`);
      state().setLoadedModel(info);
      state().setModelLoading(false);
      if (fallbackModelId !== manifest.id) state().clearErrors('model');
      fallbackModelId = null;
      runAttack();
    } catch (e) {
      if (disposed || token !== loadToken) return;
      state().setModelLoading(false);
      state().pushError('model', `Could not load model "${manifest.title}": ${errorMessage(e)}`);
      fallBackFrom(manifest);
    }
  }

  /** keeps the previous model (and so its image) on screen when a new one fails */
  function fallBackFrom(failed: ModelManifest): void {
    if (lastGoodModelId && lastGoodModelId !== failed.id) {
      fallbackModelId = lastGoodModelId;
      store.setState({ selectedModelId: lastGoodModelId });
    }
  }

  function runAttack(): void {
    const s = state();
    const manifest = selectSelectedManifest(s);
    if (!manifest || loadedKey !== `${engineGeneration}:${manifest.id}`) return;
    // a cross-section probe, the user's own picture, or the selected test image
    const current = currentEngineImage(s);
    if (!current) return;
    const { image, trueLabel, index, probe, own } = current;
    const params = attackParamsFrom(s, trueLabel >= 0 ? trueLabel : undefined);
    client.attack(manifest.id, image, params, { channel: 'attack' }).then(
      (timed) => {
        if (disposed) return;
        markStartup('first-result');
        state().setAttackOutcome({
          modelId: manifest.id,
          index,
          probe,
          own,
          eps: params.eps,
          result: timed.result,
          ms: timed.ms,
          backend: timed.backend,
        });
        state().recordOp('attack', timed.ms);
        state().clearErrors('attack');
      },
      (e: unknown) => {
        if (disposed || isCancelled(e)) return;
        state().pushError('attack', `The attack failed: ${errorMessage(e)}`);
      },
    );
  }

  async function loadModelList(): Promise<void> {
    // kept models join before the list is shown, so a link naming one finds it; storage that
    // hangs holds the list back no more than KEPT_MODELS_WAIT_MS (they join when they come)
    const restored = env.keptModels
      ? restoreKeptModels(store, env.keptModels).then((kept) => {
          // not 'model': a model that loads clears those
          if (!kept.ok && !disposed) state().pushError('storage', kept.message);
        })
      : Promise.resolve();
    try {
      const index = await env.fetchModelIndex(env.modelsBaseUrl);
      markStartup('model-index');
      await Promise.race([restored, new Promise((r) => setTimeout(r, KEPT_MODELS_WAIT_MS))]);
      if (disposed) return;
      if (index.models.length === 0) {
        const message = 'models/index.json lists no models yet: train one first (npm run train).';
        state().setModelList({ status: 'error', message });
        return;
      }
      // models the user brought meanwhile stay in the list
      const own = state().customModels;
      state().setModelList({ status: 'ready', models: [...index.models, ...own] });
      const wanted = state().selectedModelId;
      if (wanted !== null && ![...index.models, ...own].some((m) => m.id === wanted)) {
        if (wanted.startsWith(OWN_MODEL_ID_PREFIX)) {
          const message = `Model "${wanted}" came from another session and is not kept in this browser; showing another one.`;
          state().pushError('storage', message);
        } else {
          state().pushError('model', `There is no model "${wanted}"; showing another one.`);
        }
      }
      // no model in the link: the paper's maxout network
      if (!selectSelectedManifest(state()))
        state().selectModel(defaultModel(index.models)?.id ?? '');
    } catch (e) {
      if (!disposed) state().setModelList({ status: 'error', message: errorMessage(e) });
    }
  }

  const unsubscribers = [
    client.onStatus((status) => {
      if (!disposed) state().setEngineStatus(status);
    }),
    store.subscribe((s) => s.backendPreference, startEngine),
    store.subscribe(selectSelectedManifest, () => void loadSelectedModel()),
    store.subscribe(attackInputs, runAttack, { equalityFn: shallow }),
    startViewEffects(store, client, env.modelsBaseUrl),
    startCompareEffects(store, client, env.modelsBaseUrl),
    startProbeLink(store, client),
    startOwnImageEffects(store, client),
    startOwnModelEffects(store, client),
  ];

  startEngine();
  void loadModelList();

  return () => {
    disposed = true;
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
