/**
 * The app's state: plain data (URL- and JSON-friendly where it matters) plus the actions that
 * change it. Engine calls live in src/app/effects, never here.
 */
import type { MapCost } from '../shared/mapEstimate';
import type {
  AttackMode,
  BackendName,
  CrossSectionPartial,
  CrossSectionResult,
  ImageData01,
  LabelSource,
  LayerWeights,
  LoadedModelInfo,
  MapHorizontal,
} from '../engine/api';
import type { MapPlanes } from '../shared/vocabulary';
import type { EngineStatus } from '../engine/clientApi';
import type { ModelManifest } from '../models/manifest';
import type { BundledDatasetId, Dataset } from '../shared/dataset';
import type { AttackOutcome, ProbeImage, SweepOutcome } from './outcomes';
import type { OwnImageActions, OwnImageData } from './slices/ownImageTypes';
import type { CustomModelsActions, CustomModelsData } from './slices/customModelsTypes';
import type { PhotoSwitchActions, PhotoSwitchData } from './slices/photoSwitchTypes';
import type { CompareActions, CompareData } from './slices/compareTypes';
import type { ExperimentsActions, ExperimentsData } from './slices/experimentsTypes';
import type { LabActions, LabData } from './slices/labTypes';

export type { AttackOutcome, PreparedOwnImage, ProbeImage, SweepOutcome } from './outcomes';

export type BackendPreference = BackendName | 'auto';
export type ThemePreference = 'system' | 'light' | 'dark';
export type ViewTab =
  'image' | 'compare' | 'sweep' | 'cross-section' | 'weights' | 'experiments' | 'train';
export const VIEW_TABS: readonly ViewTab[] = [
  'image',
  'compare',
  'sweep',
  'cross-section',
  'weights',
  'experiments',
  'train',
];

/** The test sets the app can load in the browser. */
export type TestSetId = BundledDatasetId;
export { BUNDLED_DATASET_IDS as TEST_SET_IDS } from '../shared/dataset';

export type TestSetState =
  | { status: 'loading' }
  /** the first images, in while the rest still arrives (the shown one among them) */
  | { status: 'partial'; dataset: Dataset }
  | { status: 'ready'; dataset: Dataset }
  | { status: 'error'; message: string };

export type ModelListState =
  | { status: 'loading' }
  | { status: 'ready'; models: ModelManifest[] }
  | { status: 'error'; message: string };

export interface AppError {
  id: number;
  /** what failed: 'engine', 'model', 'test-set', 'attack', ... */
  source: string;
  message: string;
}

export interface EngineData {
  backendPreference: BackendPreference;
  engineStatus: EngineStatus;
  /** milliseconds of the last engine operation, as the engine measured it */
  lastOpMs: number | null;
  lastOpName: string | null;
}

export interface ModelData {
  modelList: ModelListState;
  selectedModelId: string | null;
  /** the model the engine has loaded and the views show; lags selectedModelId while loading */
  loadedModel: LoadedModelInfo | null;
  modelLoading: boolean;
}

export interface TestImageData {
  testSets: Partial<Record<TestSetId, TestSetState>>;
  selectedIndex: number;
}

export interface AttackData {
  eps: number;
  attackMode: AttackMode;
  targetClass: number;
  labelSource: LabelSource;
  pgdSteps: number;
  /** null: the engine default, eps / 4 */
  pgdStepSize: number | null;
  clip: [number, number];
  seed: number;
}

export interface ResultData {
  attackOutcome: AttackOutcome | null;
  errors: AppError[];
}

export interface SweepData {
  sweepMode: 'logits' | 'probabilities';
  /** null: twice the dataset's paper eps */
  sweepEpsMax: number | null;
  sweepPoints: number;
  sweepOutcome: SweepOutcome | null;
  sweepLoading: boolean;
  sweepError: string | null;
}

/** A map in progress: the engine's coarse partial until the result arrives. */
export interface CrossSectionMapState {
  imageIndex: number;
  /** the image's class as the model numbers them; -1 when unknown */
  trueLabel: number;
  result: CrossSectionResult | null;
  partial: CrossSectionPartial | null;
  progress: number;
  error: string | null;
  /** the user's own picture (imageIndex -1) */
  image?: ImageData01;
  /** the plane's horizontal direction: FGSM, or random signs (the control) */
  horizontal: MapHorizontal;
}

/** A map to compute: its image and its plane. */
export type CrossSectionMapSpec = Pick<
  CrossSectionMapState,
  'imageIndex' | 'trueLabel' | 'image' | 'horizontal'
>;

/** A cross-section point a link asked for: its offsets, on the plane it was clicked on. */
export interface PendingCell {
  offsets: [number, number];
  horizontal: MapHorizontal;
}

export interface CrossSectionData {
  csResolution: number;
  csCount: number;
  csSeed: number;
  /** the planes shown: FGSM x random (the lecture's map), random x random (its control), or
   * 'both' side by side per image (the default: the contrast is the lecture's point) */
  csPlanes: MapPlanes;
  /** null: the dataset's largest slider eps */
  csEpsMax: number | null;
  csModelId: string | null;
  csMaps: CrossSectionMapState[];
  /** a cross-section point a link asked for, until the engine has made it the probe image */
  csPendingCell: PendingCell | null;
  /** maps estimated long (MapsEstimate.ms > LONG_MAPS_MS), waiting for the user's go */
  csLongJob: MapsEstimate | null;
  /** the longest maps the user agreed to wait for, on this model */
  csApproved: { modelId: string; ms: number } | null;
}

/** What the engine's measurement of a model says a set of maps will take. */
export interface MapsEstimate {
  modelId: string;
  ms: number;
  /** what one map costs the model, measured by the engine */
  cost: MapCost;
  /** engines sharing the cells (the worker and its peers) */
  cores: number;
  /** the images it is for (the user's own picture alone, where the model has no test set) */
  images: number;
  /** the planes of each image: both maps of a pair count */
  planes: readonly MapHorizontal[];
}

/**
 * RGB first-layer filters as one colour image each, on the filter's own scale ('filter') or one
 * scale for all ('colour'), or as one diverging image per channel ('channels').
 */
export type WeightsRgbMode = 'filter' | 'colour' | 'channels';

export interface WeightsData {
  weightsPage: number;
  weightsUnitsPerPage: number;
  /** a second model shown beside the selected one */
  weightsCompareId: string | null;
  /** how RGB first-layer filters are drawn (the caption says what the colours mean) */
  weightsRgbMode: WeightsRgbMode;
  /** first-layer weights by model id, as the engine returned them */
  weightsByModel: Record<string, LayerWeights>;
  weightsLoading: boolean;
  weightsError: string | null;
}

export interface ProbeData {
  probeImage: ProbeImage | null;
}

export interface UiData {
  activeTab: ViewTab;
  theme: ThemePreference;
}

export type AppData = EngineData &
  ModelData &
  TestImageData &
  AttackData &
  ResultData &
  SweepData &
  CrossSectionData &
  WeightsData &
  ProbeData &
  UiData &
  OwnImageData &
  CustomModelsData &
  PhotoSwitchData &
  CompareData &
  ExperimentsData &
  LabData;

export interface EngineActions {
  setBackendPreference(preference: BackendPreference): void;
  setEngineStatus(status: EngineStatus): void;
  recordOp(name: string, ms: number): void;
}

export interface ModelActions {
  setModelList(list: ModelListState): void;
  /** selects a model; moves eps to the dataset's default when the dataset changes */
  selectModel(id: string): void;
  setLoadedModel(info: LoadedModelInfo | null): void;
  setModelLoading(loading: boolean): void;
}

export interface TestImageActions {
  setTestSet(id: TestSetId, state: TestSetState): void;
  /** clamped to the selected model's test set, when it is loaded */
  selectIndex(index: number): void;
  stepIndex(delta: number): void;
  /** `random` returns a number in [0, 1) */
  randomIndex(random?: () => number): void;
}

export interface AttackActions {
  setEps(eps: number): void;
  setAttackMode(mode: AttackMode): void;
  setTargetClass(target: number): void;
  setLabelSource(source: LabelSource): void;
  setPgdSteps(steps: number): void;
  setPgdStepSize(stepSize: number | null): void;
}

export interface ResultActions {
  setAttackOutcome(outcome: AttackOutcome | null): void;
  pushError(source: string, message: string): void;
  dismissError(id: number): void;
  clearErrors(source?: string): void;
}

export interface ViewActions {
  setSweepMode(mode: SweepData['sweepMode']): void;
  setSweepRange(epsMax: number, points: number): void;
  setSweepOutcome(outcome: SweepOutcome | null): void;
  setSweepStatus(loading: boolean, error: string | null): void;
  setCsResolution(resolution: number): void;
  setCsCount(count: number): void;
  reseedCs(): void;
  setCsPlanes(planes: MapPlanes): void;
  /** starts a fresh set of maps (all computing) */
  resetCsMaps(modelId: string, maps: readonly CrossSectionMapSpec[]): void;
  /** shows (or, with null, clears) the estimate of maps that wait for the user's go */
  setCsLongJob(job: MapsEstimate | null): void;
  /** the user's go for the waiting maps (and for maps up to as long on this model) */
  approveCsLongJob(): void;
  updateCsMap(position: number, patch: Partial<CrossSectionMapState>): void;
  setWeightsPage(page: number): void;
  /** keeps the first unit shown on the page that shows it */
  setWeightsUnitsPerPage(units: number): void;
  setWeightsCompareId(id: string | null): void;
  setWeightsRgbMode(mode: WeightsRgbMode): void;
  setModelWeights(modelId: string, weights: LayerWeights): void;
  setWeightsStatus(loading: boolean, error: string | null): void;
  setProbeImage(probe: ProbeImage | null): void;
}

export interface UiActions {
  setActiveTab(tab: ViewTab): void;
  setTheme(theme: ThemePreference): void;
}

export type AppActions = EngineActions &
  ModelActions &
  TestImageActions &
  AttackActions &
  ResultActions &
  ViewActions &
  UiActions &
  OwnImageActions &
  CustomModelsActions &
  PhotoSwitchActions &
  CompareActions &
  ExperimentsActions &
  LabActions;

export type AppState = AppData & AppActions;
