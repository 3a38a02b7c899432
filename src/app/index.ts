export { Explorer, type ExplorerProps } from './Explorer';
export { startAppEffects, type EffectsEnv } from './effects';
