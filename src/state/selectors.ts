/** Module-scope selectors (stable identities, so components do not re-subscribe each render). */
import { probabilitiesSumToOne, type ModelManifest } from '../models/manifest';
import type { Dataset } from '../shared/dataset';
import { browseOrder, type BrowseOrder } from './browseOrder';
import { epsRangeFor, type EpsRange } from './epsRange';
import { eligibleIndices, labelMapFor, lowerBound, type LabelMap } from './labelMap';
import {
  TEST_SET_IDS,
  type AppData,
  type AttackOutcome,
  type ProbeImage,
  type TestSetId,
  type TestSetState,
} from './types';

const NO_MODELS: ModelManifest[] = [];

export const selectModels = (s: AppData): ModelManifest[] =>
  s.modelList.status === 'ready' ? s.modelList.models : NO_MODELS;

export const selectSelectedManifest = (s: AppData): ModelManifest | undefined =>
  selectModels(s).find((m) => m.id === s.selectedModelId);

/** The selected model reports unnormalised probabilities (an RBF network's exp(s_i)). */
export const selectUnnormalisedProbabilities = (s: AppData): boolean => {
  const manifest = selectSelectedManifest(s);
  return manifest !== undefined && !probabilitiesSumToOne(manifest.output);
};

export function testSetIdOf(manifest: ModelManifest | undefined): TestSetId | null {
  const id = manifest?.dataset;
  return TEST_SET_IDS.find((t) => t === id) ?? null;
}

export const selectTestSetId = (s: AppData): TestSetId | null =>
  testSetIdOf(selectSelectedManifest(s));

export const selectTestSetState = (s: AppData): TestSetState | undefined => {
  const id = selectTestSetId(s);
  return id ? s.testSets[id] : undefined;
};

/** the whole test set, once it is in */
export const selectDataset = (s: AppData): Dataset | null => {
  const t = selectTestSetState(s);
  return t?.status === 'ready' ? t.dataset : null;
};

/** the images in so far: the whole set, or its first images while the rest arrives */
export const selectShownDataset = (s: AppData): Dataset | null => {
  const t = selectTestSetState(s);
  return t?.status === 'ready' || t?.status === 'partial' ? t.dataset : null;
};

/**
 * Which test image the engine would attack now, or null while it is not in: the same key before
 * and after the rest of the set arrives, so the first result is not computed twice.
 */
export const selectShownImageKey = (s: AppData): string | null => {
  const dataset = selectShownDataset(s);
  if (!dataset || s.selectedIndex >= dataset.count) return null;
  return `${dataset.id}/${dataset.split}/${s.selectedIndex}`;
};

export const selectEpsRange = (s: AppData): EpsRange =>
  epsRangeFor(selectSelectedManifest(s)?.dataset);

/** class names of the selected model (the dataset's when no model is selected) */
export const selectClassNames = (s: AppData): readonly string[] =>
  selectSelectedManifest(s)?.classNames ?? selectDataset(s)?.classNames ?? NO_NAMES;

const NO_NAMES: readonly string[] = [];

interface LabelInfo {
  dataset: Dataset;
  map: LabelMap | null;
  eligible: Int32Array | null;
  /** computed on first use: most sets are walked as stored */
  order?: BrowseOrder | null;
}

/** per model: the label map and eligible images for the dataset it was last asked about */
const labelInfoCache = new WeakMap<ModelManifest, LabelInfo>();

function labelInfo(s: AppData): LabelInfo | null {
  const manifest = selectSelectedManifest(s);
  const dataset = selectDataset(s);
  if (!manifest || !dataset) return null;
  const cached = labelInfoCache.get(manifest);
  if (cached?.dataset === dataset) return cached;
  const map = labelMapFor(dataset.classNames, manifest.classNames);
  const info = { dataset, map, eligible: eligibleIndices(dataset.labels, map) };
  labelInfoCache.set(manifest, info);
  return info;
}

/** the label map while only the first images are in (the whole set's is cached in labelInfo) */
function firstImagesLabelMap(s: AppData): LabelMap | null {
  const manifest = selectSelectedManifest(s);
  const dataset = selectShownDataset(s);
  return manifest && dataset ? labelMapFor(dataset.classNames, manifest.classNames) : null;
}

/** test images the selected model can classify (ascending); null: all of them */
export const selectEligibleIndices = (s: AppData): Int32Array | null =>
  labelInfo(s)?.eligible ?? null;

/** the picker's walk through the test set when it differs from the stored order (see browseOrder) */
export function selectBrowseOrder(s: AppData): BrowseOrder | null {
  const info = labelInfo(s);
  if (!info) return null;
  if (info.order === undefined) info.order = browseOrder(info.dataset.labels, info.eligible);
  return info.order;
}

/** the selected model's class index of a dataset label; null when the model has no such class */
export function modelClassOfLabel(s: AppData, datasetLabel: number): number | null {
  const map = labelInfo(s)?.map ?? firstImagesLabelMap(s);
  const m = map ? (map.toModel[datasetLabel] ?? -1) : -1;
  return m >= 0 ? m : null;
}

/** the selected image's true class as the model numbers its classes, when that is known */
export const selectTrueLabel = (s: AppData): number | null => {
  const ds = selectShownDataset(s);
  const label = ds?.labels[s.selectedIndex];
  return label === undefined ? null : modelClassOfLabel(s, label);
};

/** the engine holds the selected model and can take calls for it */
export const selectModelReady = (s: AppData): boolean =>
  s.engineStatus.kind === 'ready' &&
  !s.modelLoading &&
  s.selectedModelId !== null &&
  s.loadedModel?.id === s.selectedModelId;

/** the probe image, when it belongs to the selected model */
export const selectProbe = (s: AppData): ProbeImage | null =>
  s.probeImage && s.probeImage.modelId === s.selectedModelId ? s.probeImage : null;

/**
 * The attack result for what is on screen now; one for another model, image or cross-section
 * point is not (it is stale until the engine answers). Stable: the stored object itself.
 */
export function selectCurrentOutcome(s: AppData): AttackOutcome | null {
  const a = s.attackOutcome;
  return a &&
    a.modelId === s.selectedModelId &&
    a.index === s.selectedIndex &&
    a.probe === selectProbe(s)
    ? a
    : null;
}

/** the sweep's range: the user's, or twice the dataset's paper eps */
export const selectSweepEpsMax = (s: AppData): number =>
  s.sweepEpsMax ?? Math.min(1, 2 * selectEpsRange(s).default);

/** the cross-sections' half-width: the user's, or the end of the eps slider */
export const selectCsEpsMax = (s: AppData): number => s.csEpsMax ?? selectEpsRange(s).max;

/**
 * The test images the cross-section maps show: the selected one and the next ones the model
 * has classes for, `csCount` in all.
 */
export function csImageIndices(s: AppData): number[] {
  const dataset = selectDataset(s);
  if (!dataset) return [];
  const eligible = selectEligibleIndices(s);
  const total = eligible?.length ?? dataset.count;
  const start = eligible ? Math.max(0, lowerBound(eligible, s.selectedIndex)) : s.selectedIndex;
  const out: number[] = [];
  for (let k = 0; k < Math.min(s.csCount, total); k++) {
    const p = (start + k) % total;
    out.push(eligible ? (eligible[p] ?? 0) : p);
  }
  return out;
}

/** the notice of a switch made for a photo, while that model and the photo are still shown */
export const selectModelSwitch = (s: AppData): AppData['modelSwitch'] =>
  s.modelSwitch && s.modelSwitch.toModelId === s.selectedModelId && s.imageSource === 'own'
    ? s.modelSwitch
    : null;
