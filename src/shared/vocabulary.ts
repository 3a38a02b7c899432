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

/**
 * A cross-section plane's horizontal direction: the FGSM direction sign(grad_x J), or a seeded
 * random ±1 direction of the same max-norm and L2 norm (the lecture's control: the class changes
 * at a far smaller eps along sign(grad) than along random directions).
 */
export type MapHorizontal = 'fgsm' | 'random';
export const MAP_HORIZONTALS: readonly MapHorizontal[] = ['fgsm', 'random'];

/**
 * Which planes the cross-section view shows: one kind, or 'both': each image's FGSM x random map
 * beside its random x random map (the lecture's contrast), the same random vertical seed and axes.
 */
export type MapPlanes = MapHorizontal | 'both';
export const MAP_PLANES: readonly MapPlanes[] = ['both', 'fgsm', 'random'];

/** The horizontal directions of the planes shown, in the order the view lays them out. */
export function planesShown(planes: MapPlanes): readonly MapHorizontal[] {
  return planes === 'both' ? MAP_HORIZONTALS : [planes];
}

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
