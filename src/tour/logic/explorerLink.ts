/**
 * "Open this in the explorer": a figure's state written with the explorer's own URL codec, so
 * the link opens exactly what the figure shows, and a plain-words summary of that state.
 */
import { encodeState, type ShareableState } from '../../state/url';
import { VIEW_TABS } from '../../state/types';

export type ExplorerState = ShareableState & { model: string };

/** index.html?v=1&model=…, relative to the app's folder */
export function explorerHref(state: ExplorerState): string {
  return `./?${encodeState(state).toString()}`;
}

const ATTACK_WORDS: Record<string, string> = {
  fgsm: 'FGSM',
  targeted: 'targeted FGSM',
  'random-sign': 'random ±ε noise',
  uniform: 'uniform noise',
  pgd: 'PGD',
};

const VIEW_WORDS: Record<string, string> = {
  image: 'image view',
  sweep: 'sweep view',
  'cross-section': 'cross-section view',
  weights: 'weights view',
  experiments: 'experiments view',
  train: 'training lab',
};

/** "mnist-maxout, test image 0, FGSM at ε = 0.25, image view" */
export function describeState(state: ExplorerState): string {
  const parts = [state.model];
  if (state.image !== undefined) parts.push(`test image ${state.image}`);
  if (state.attack !== undefined || state.eps !== undefined) {
    const attack = state.attack ? (ATTACK_WORDS[state.attack] ?? state.attack) : 'attack';
    parts.push(state.eps === undefined ? attack : `${attack} at ε = ${state.eps}`);
  }
  if (state.mapRes !== undefined) parts.push(`${state.mapRes}×${state.mapRes} maps`);
  if (state.view) parts.push(VIEW_WORDS[state.view] ?? state.view);
  return parts.join(', ');
}

/** The Training lab view, once the explorer has one (it is being built beside the tour). */
export function trainingLabAvailable(): boolean {
  return (VIEW_TABS as readonly string[]).includes('train');
}

/** The Training lab's address, or null while the explorer has no such view. */
export function trainingLabHref(): string | null {
  return trainingLabAvailable() ? './?v=1&view=train' : null;
}
