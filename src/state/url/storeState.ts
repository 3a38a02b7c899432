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
  if (s.backendPreference !== 'auto') out.backend = s.backendPreference;
  Object.assign(out, labShareable(s.labSpec));
  return out;
}

/** Why a link of this state cannot show exactly what is on screen, or null. */
export function unshareableNote(s: AppData): string | null {
  const notes: string[] = [];
  const index = s.probeImage ? s.probeImage.baseIndex : s.selectedIndex;
  if (s.imageSource === 'own')
    notes.push(
      `Your own image stays in this browser and cannot be shared: the link shows test image ${index}.`,
    );
  else if (s.probeImage)
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
