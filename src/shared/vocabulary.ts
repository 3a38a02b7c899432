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

/** The attack menus' entries: what each mode is, the controls marked as such. */
export const ATTACK_MODE_LABELS: Record<AttackMode, string> = {
  fgsm: 'FGSM',
  targeted: 'Targeted FGSM',
  'random-sign': 'Random ±ε signs (control)',
  uniform: 'Uniform noise U(−ε, ε) (control)',
  pgd: 'PGD (iterated FGSM)',
};

/** An attack named inside a sentence or a title ("error rate (random ±ε signs, ε = 0.25)"). */
export const ATTACK_NAMES: Record<AttackMode, string> = {
  fgsm: 'FGSM',
  targeted: 'targeted FGSM',
  'random-sign': 'random ±ε signs',
  uniform: 'uniform noise U(−ε, ε)',
  pgd: 'PGD',
};
