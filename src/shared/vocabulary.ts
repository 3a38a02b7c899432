/**
 * The words the engine, the store, the URL and the views share: backends, attack modes, label
 * sources. Kept here (below every layer) so the store and the views can list them without
 * importing the engine.
 */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export type AttackMode = 'fgsm' | 'targeted' | 'random-sign' | 'uniform' | 'pgd';
export const ATTACK_MODES: readonly AttackMode[] = [
  'fgsm',
  'targeted',
  'random-sign',
  'uniform',
  'pgd',
];

/** Which label the untargeted loss uses: the true one, or the model's own prediction. */
export type LabelSource = 'true' | 'predicted';
