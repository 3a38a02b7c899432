/**
 * Between the store and the shareable state: what a link records of the explorer now, and how a
 * decoded link (or an embed's 'ae:set-state' message) is applied, through the store's own
 * actions so their clamping and model rules hold.
 */
import type { AppStore } from '../store';
import { selectSelectedManifest } from '../selectors';
import type { AppData } from '../types';
import { viewDefaults } from '../slices/viewsSlice';
import type { ShareableState } from './codec';
import type { MapHorizontal, MapPlanes } from '../../shared/vocabulary';
import type { ExperimentSettings } from '../slices/experimentsTypes';
import { labShareable, withLabShareable } from './labFields';

/**
 * The shareable fields of a state. The model, image, eps, view and attack are always written (so
 * a link does not depend on defaults); the rest only when they differ from the defaults, or
 * matter for the chosen attack. A probe image (a cross-section point) is not a test image: the
 * link records the test image it came from.
 */
export function shareableFromState(s: AppData): ShareableState {
  const out: ShareableState = {};
  if (s.selectedModelId !== null) out.model = s.selectedModelId;
  out.image = s.probeImage ? s.probeImage.baseIndex : s.selectedIndex;
  out.eps = s.eps;
  out.attack = s.attackMode;
  if (s.attackMode === 'targeted') out.target = s.targetClass;
  if (s.attackMode === 'pgd') {
    out.steps = s.pgdSteps;
    if (s.pgdStepSize !== null) out.stepSize = s.pgdStepSize;
  }
  if (s.labelSource !== 'true') out.label = s.labelSource;
  out.view = s.activeTab;
  if (s.sweepEpsMax !== null) out.sweepMax = s.sweepEpsMax;
  if (s.sweepPoints !== viewDefaults.sweepPoints) out.sweepPoints = s.sweepPoints;
  if (s.csResolution !== viewDefaults.csResolution) out.mapRes = s.csResolution;
  if (s.csSeed !== viewDefaults.csSeed) out.mapSeed = s.csSeed;
  if (s.csPlanes !== viewDefaults.csPlanes) out.mapDir = s.csPlanes;
  if (s.backendPreference !== 'auto') out.backend = s.backendPreference;
  Object.assign(out, labShareable(s.labSpec));
  if (s.compareModelId !== null) out.compareModel = s.compareModelId;
  if (s.sweepMode !== viewDefaults.sweepMode) out.plot = s.sweepMode;
  if (s.csCount !== viewDefaults.csCount) out.maps = s.csCount;
  const cell = s.probeImage?.cell ?? s.csPendingCell?.offsets;
  const plane = s.probeImage ? (s.probeImage.horizontal ?? 'fgsm') : s.csPendingCell?.horizontal;
  if (cell && plane && s.imageSource === 'test') {
    out.cell = [...cell];
    if (plane !== cellPlane(out.mapDir)) out.cellDir = plane;
  }
  if (s.weightsCompareId !== null) out.wcompare = s.weightsCompareId;
  if (s.weightsPage !== viewDefaults.weightsPage) out.wpage = s.weightsPage + 1;
  if (s.weightsUnitsPerPage !== viewDefaults.weightsUnitsPerPage)
    out.wunits = s.weightsUnitsPerPage;
  Object.assign(out, experimentFields(s.experimentOverrides));
  return out;
}

/** The Experiments view's overrides as link fields (and back, in applyShareable). */
function experimentFields(x: Partial<ExperimentSettings>): ShareableState {
  const out: ShareableState = {};
  if (x.kind !== undefined) out.xkind = x.kind;
  if (x.models !== undefined) out.xmodels = [...x.models];
  if (x.mode !== undefined) out.xattack = x.mode;
  if (x.targetClass !== undefined) out.xtarget = x.targetClass;
  if (x.epsList !== undefined) out.xeps = [...x.epsList];
  if (x.eps !== undefined && x.eps !== null) out.xeps1 = x.eps;
  if (x.limit !== undefined) out.xlimit = x.limit;
  if (x.seed !== undefined) out.xseed = x.seed;
  if (x.count !== undefined) out.xcount = x.count;
  if (x.steps !== undefined) out.xsteps = x.steps;
  if (x.direction !== undefined) out.xdir = x.direction;
  if (x.sources !== undefined) out.xsources = x.sources;
  return out;
}

function experimentOverrides(state: ShareableState): Partial<ExperimentSettings> {
  const out: Partial<ExperimentSettings> = {};
  if (state.xkind !== undefined) out.kind = state.xkind;
  if (state.xmodels !== undefined) out.models = [...state.xmodels];
  if (state.xattack !== undefined) out.mode = state.xattack;
  if (state.xtarget !== undefined) out.targetClass = state.xtarget;
  if (state.xeps !== undefined) out.epsList = [...state.xeps];
  if (state.xeps1 !== undefined) out.eps = state.xeps1;
  if (state.xlimit !== undefined) out.limit = state.xlimit;
  if (state.xseed !== undefined) out.seed = state.xseed;
  if (state.xcount !== undefined) out.count = state.xcount;
  if (state.xsteps !== undefined) out.steps = state.xsteps;
  if (state.xdir !== undefined) out.direction = state.xdir;
  if (state.xsources !== undefined) out.sources = state.xsources;
  return out;
}

/** The plane a link's cell lies on when it does not say (cellDir): the random one only where
 * the link shows random maps alone, as links did before cellDir. */
function cellPlane(mapDir: MapPlanes | undefined): MapHorizontal {
  return mapDir === 'random' ? 'random' : 'fgsm';
}

/** Why a link of this state cannot show exactly what is on screen, or null. */
export function unshareableNote(s: AppData): string | null {
  const notes: string[] = [];
  const index = s.probeImage ? s.probeImage.baseIndex : s.selectedIndex;
  if (s.imageSource === 'own')
    notes.push(
      `Your own image stays in this browser and cannot be shared: the link shows test image ${index}.`,
    );
  else if (s.probeImage && !s.probeImage.cell)
    notes.push(`A cross-section point cannot be shared: the link shows test image ${index}.`);
  if (s.customModels.some((m) => m.id === s.selectedModelId))
    notes.push('A model you brought stays in this browser: others need it to open the link.');
  return notes.length > 0 ? notes.join(' ') : null;
}

/**
 * Applies a decoded state. The model goes first (a model of another dataset resets eps and the
 * target class); everything else after it, each through its action.
 */
export function applyShareable(store: AppStore, state: ShareableState): void {
  const a = store.getState();
  if (state.backend !== undefined && state.backend !== a.backendPreference)
    a.setBackendPreference(state.backend);
  if (state.model !== undefined && state.model !== a.selectedModelId) a.selectModel(state.model);
  if (state.image !== undefined) store.getState().selectIndex(state.image);
  if (state.attack !== undefined) a.setAttackMode(state.attack);
  if (state.eps !== undefined) a.setEps(state.eps);
  if (state.target !== undefined) a.setTargetClass(state.target);
  if (state.steps !== undefined) a.setPgdSteps(state.steps);
  if (state.stepSize !== undefined) a.setPgdStepSize(state.stepSize > 0 ? state.stepSize : null);
  if (state.label !== undefined) a.setLabelSource(state.label);
  if (state.view !== undefined) a.setActiveTab(state.view);
  if (state.sweepMax !== undefined || state.sweepPoints !== undefined) {
    const s = store.getState();
    // the codec clamped both; setSweepRange wants both, so an absent one keeps its value
    store.setState({
      sweepEpsMax: state.sweepMax ?? s.sweepEpsMax,
      sweepPoints: state.sweepPoints ?? s.sweepPoints,
    });
  }
  if (state.mapRes !== undefined) a.setCsResolution(state.mapRes);
  if (state.mapSeed !== undefined) store.setState({ csSeed: state.mapSeed });
  if (state.mapDir !== undefined) a.setCsPlanes(state.mapDir);
  if (state.compareModel !== undefined) a.setCompareModelId(state.compareModel);
  if (state.plot !== undefined) a.setSweepMode(state.plot);
  if (state.maps !== undefined) a.setCsCount(state.maps);
  if (state.wcompare !== undefined) a.setWeightsCompareId(state.wcompare);
  if (state.wunits !== undefined) a.setWeightsUnitsPerPage(state.wunits);
  if (state.wpage !== undefined) a.setWeightsPage(state.wpage - 1);
  const overrides = experimentOverrides(state);
  if (Object.keys(overrides).length > 0) a.setExperimentSettings(overrides);
  // the engine recomputes the point's directions (src/app/probeLink) once the model is ready
  const [h, v] = state.cell ?? [];
  if (h !== undefined && v !== undefined) {
    const horizontal = state.cellDir ?? cellPlane(state.mapDir);
    store.setState({ csPendingCell: { offsets: [h, v], horizontal } });
  }
  const labSpec = withLabShareable(store.getState().labSpec, state);
  if (labSpec) a.setLabSpec(labSpec);
}

/**
 * A link's eps was clamped to MNIST's range before the model list said which dataset the model
 * has: clamp it again, once, when the selected model becomes known.
 */
export function reclampWhenModelKnown(store: AppStore): () => void {
  if (selectSelectedManifest(store.getState())) return () => {};
  const unsubscribe = store.subscribe(selectSelectedManifest, (manifest) => {
    if (!manifest) return;
    unsubscribe();
    store.getState().setEps(store.getState().eps);
  });
  return unsubscribe;
}
