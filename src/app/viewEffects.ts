/**
 * Engine calls for the computed views (sweep, cross-sections, weights). Each runs only while its
 * tab is open and its inputs changed since the last result, so hidden views cost nothing.
 */
import { shallow } from 'zustand/shallow';
import type { CrossSectionParams, ImageData01, SweepParams } from '../engine/api';
import type { EngineClient } from '../engine/clientApi';
import { imageAt } from '../shared/dataset';
import {
  csImageIndices,
  modelClassOfLabel,
  selectCsEpsMax,
  selectDataset,
  selectModelReady,
  selectModels,
  selectProbe,
  selectSweepEpsMax,
} from '../state/selectors';
import { currentEngineImage, selectActiveOwn } from '../state/ownImageSelectors';
import type { AppStore } from '../state/store';
import type { AppState, CrossSectionMapState, MapsEstimate } from '../state/types';
import { estimatePlanesMs, LONG_MAPS_MS } from '../shared/mapEstimate';
import { planesShown, type MapHorizontal } from '../shared/vocabulary';
import { mapsOfPlanes, pairwiseOrder } from '../shared/mapPlanes';
import { errorMessage, isCancelled } from './errors';

const sweepInputs = (s: AppState) => [
  s.activeTab === 'sweep',
  selectModelReady(s),
  s.selectedModelId,
  s.selectedIndex,
  selectDataset(s),
  selectProbe(s),
  selectActiveOwn(s),
  selectSweepEpsMax(s),
  s.sweepPoints,
  s.labelSource,
];

/** points of the first, coarse sweep of a big model */
export const COARSE_SWEEP_POINTS = 21;
/** inputs above CIFAR-10's 32 x 32 x 3 values get a coarse sweep first (MobileNet: 0.2 of 1.4 s) */
const COARSE_SWEEP_ABOVE = 32 * 32 * 3;

/** The coarse sweep to draw first, or null when the whole one is quick. */
export function coarseSweepFirst(image: ImageData01, params: SweepParams): SweepParams | null {
  const big = image.data.length > COARSE_SWEEP_ABOVE;
  const points = params.points ?? 201;
  return big && points > COARSE_SWEEP_POINTS ? { ...params, points: COARSE_SWEEP_POINTS } : null;
}

const crossSectionInputs = (s: AppState) => [
  s.activeTab === 'cross-section',
  selectModelReady(s),
  s.selectedModelId,
  selectDataset(s),
  selectActiveOwn(s),
  ...csImageIndices(s),
  s.csCount,
  s.csResolution,
  s.csSeed,
  s.csPlanes,
  selectCsEpsMax(s),
  s.labelSource,
  s.clip[0],
  s.clip[1],
  s.csApproved,
];

const weightsInputs = (s: AppState) => [
  s.activeTab === 'weights',
  selectModelReady(s),
  s.selectedModelId,
  s.weightsCompareId,
];

/** Maps up to a quarter longer than ones the user agreed to wait for start without asking. */
function approved(s: AppState, estimate: MapsEstimate): boolean {
  const ok = s.csApproved;
  return ok !== null && ok.modelId === estimate.modelId && estimate.ms <= ok.ms * 1.25;
}

export function startViewEffects(
  store: AppStore,
  client: EngineClient,
  modelsBaseUrl: string,
): () => void {
  let disposed = false;
  const state = () => store.getState();
  /** inputs of the last finished (or running) computation, to skip repeats on tab switches */
  let sweepKey: unknown[] | null = null;
  /** the latest sweep asked for: a coarse one's result must not start a stale full one */
  let sweepToken = 0;
  let csKey: unknown[] | null = null;
  let csAbort: AbortController | null = null;

  function runSweep(): void {
    const s = state();
    const inputs = sweepInputs(s);
    if (s.activeTab !== 'sweep' || !selectModelReady(s) || !s.selectedModelId) return;
    if (sweepKey && shallow(sweepKey, inputs)) return;
    const current = currentEngineImage(s);
    if (!current) return;
    sweepKey = inputs;
    const modelId = s.selectedModelId;
    const { image, trueLabel, index, own } = current;
    // the paper's Fig. 4 does not clip: the logits along the whole line
    const params: SweepParams = {
      epsMax: selectSweepEpsMax(s),
      points: s.sweepPoints,
      labelSource: trueLabel >= 0 ? s.labelSource : 'predicted',
    };
    if (trueLabel >= 0) params.trueLabel = trueLabel;
    s.setSweepStatus(true, null);
    const token = ++sweepToken;
    const run = (p: SweepParams, last: boolean) =>
      client.sweep(modelId, image, p, { channel: 'sweep' }).then(
        (timed) => {
          if (disposed || token !== sweepToken) return;
          state().setSweepOutcome({ modelId, index, image, result: timed.result, own });
          if (last) state().setSweepStatus(false, null);
          else void run(params, true);
        },
        (e: unknown) => {
          if (disposed || isCancelled(e)) return;
          sweepKey = null;
          state().setSweepStatus(false, `The sweep failed: ${errorMessage(e)}`);
        },
      );
    // an ImageNet-size model takes seconds for the whole sweep: a coarse curve first
    const coarse = coarseSweepFirst(image, params);
    void run(coarse ?? params, coarse === null);
  }

  /** the engine's estimate for these maps; null where it cannot tell (the maps just run) */
  async function estimateMaps(
    modelId: string,
    resolution: number,
    images: number,
    planes: readonly MapHorizontal[],
  ): Promise<MapsEstimate | null> {
    const status = state().engineStatus;
    const cores = status.kind === 'ready' ? 1 + (status.backend.peers ?? 0) : 1;
    try {
      const cost = await client.mapCost(modelId);
      const ms = estimatePlanesMs(cost, resolution, { images, planes }, cores);
      return { modelId, ms, cost, cores, images, planes };
    } catch {
      return null;
    }
  }

  async function runCrossSections(): Promise<void> {
    const s = state();
    const inputs = crossSectionInputs(s);
    if (s.activeTab !== 'cross-section' || !selectModelReady(s) || !s.selectedModelId) return;
    if (csKey && shallow(csKey, inputs)) return;
    const dataset = selectDataset(s);
    const own = selectActiveOwn(s);
    if (!dataset && !own) return;
    csKey = inputs;
    csAbort?.abort();
    const abort = new AbortController();
    csAbort = abort;
    const modelId = s.selectedModelId;
    const testMaps = csImageIndices(s).map((imageIndex) => ({
      imageIndex,
      trueLabel: modelClassOfLabel(s, dataset?.labels[imageIndex] ?? 0) ?? -1,
    }));
    // the user's own picture comes first, in place of the selected test image
    const images: { imageIndex: number; trueLabel: number; image?: ImageData01 }[] = own
      ? [{ imageIndex: -1, trueLabel: own.trueLabel, image: own.image }, ...testMaps.slice(0, -1)]
      : testMaps;
    const planes = planesShown(s.csPlanes);
    const maps = mapsOfPlanes(images, planes);
    // shown as computing at once: the old maps must not look finished (and clickable) while the
    // estimate is asked for
    s.resetCsMaps(modelId, maps);
    // a long set of maps waits for the user's go, with the engine's estimate of its time;
    // without a test set (a model of the user's) only their own picture has a map
    const mapCount = dataset ? images.length : 1;
    const estimate = await estimateMaps(modelId, s.csResolution, mapCount, planes);
    if (abort.signal.aborted || disposed) return;
    if (estimate && estimate.ms > LONG_MAPS_MS && !approved(state(), estimate)) {
      state().resetCsMaps(modelId, []);
      state().setCsLongJob(estimate);
      return;
    }
    state().setCsLongJob(null);
    const base = {
      epsMax: selectCsEpsMax(s),
      resolution: s.csResolution,
      seed: s.csSeed,
      clip: [s.clip[0], s.clip[1]] as [number, number],
    };
    // one map after another, an image's pair together: the first ones appear early (the first
    // contrast complete), and a change stops the rest
    for (const position of pairwiseOrder(images.length, planes.length)) {
      const map = maps[position];
      if (abort.signal.aborted || disposed || !map) return;
      const params: CrossSectionParams = {
        ...base,
        horizontal: map.horizontal,
        labelSource: map.trueLabel >= 0 ? s.labelSource : 'predicted',
      };
      if (map.trueLabel >= 0) params.trueLabel = map.trueLabel;
      const update = (patch: Partial<CrossSectionMapState>) => {
        if (!abort.signal.aborted && !disposed) state().updateCsMap(position, patch);
      };
      try {
        const image = map.image ?? (dataset ? imageAt(dataset, map.imageIndex) : null);
        if (!image) return;
        const timed = await client.crossSection(modelId, image, params, {
          signal: abort.signal,
          onProgress: ({ done, total, partial }) => {
            update({ progress: total > 0 ? done / total : 0, ...(partial && { partial }) });
          },
        });
        update({ result: timed.result, progress: 1 });
      } catch (e) {
        if (isCancelled(e) || abort.signal.aborted) return;
        update({ error: errorMessage(e) });
      }
    }
  }

  async function loadWeights(): Promise<void> {
    const s = state();
    if (s.activeTab !== 'weights' || !selectModelReady(s) || !s.selectedModelId) return;
    const wanted = [s.selectedModelId, s.weightsCompareId].filter(
      (id): id is string => id !== null && !(id in s.weightsByModel),
    );
    if (wanted.length === 0) return;
    s.setWeightsStatus(true, null);
    try {
      for (const id of wanted) {
        if (id !== s.selectedModelId) {
          const manifest = selectModels(state()).find((m) => m.id === id);
          if (!manifest) throw new Error(`there is no model "${id}"`);
          await client.loadModel(manifest, modelsBaseUrl);
        }
        const weights = await client.firstLayerWeights(id, { channel: `weights:${id}` });
        if (disposed) return;
        state().setModelWeights(id, weights);
      }
      if (!disposed) state().setWeightsStatus(false, null);
    } catch (e) {
      if (disposed || isCancelled(e)) return;
      state().setWeightsStatus(false, `The weights could not be read: ${errorMessage(e)}`);
    }
  }

  const unsubscribers = [
    store.subscribe(sweepInputs, runSweep, { equalityFn: shallow }),
    store.subscribe(crossSectionInputs, () => void runCrossSections(), { equalityFn: shallow }),
    store.subscribe(weightsInputs, () => void loadWeights(), { equalityFn: shallow }),
  ];
  runSweep();
  void runCrossSections();
  void loadWeights();

  return () => {
    disposed = true;
    csAbort?.abort();
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
