/** The paper's experiments on whole image sets, shared by the worker and the eval CLI. */
export {
  EXPERIMENT_CHUNK,
  itemSeed,
  seededNoise,
  type ExperimentHooks,
  type PeerAttackShares,
} from './common';
export { attackShare } from './testSetAttack';
export { testSetAttack } from './testSetAttack';
export { ensembleAttack, transfer } from './transfer';
export { gaussianImage, rubbishClass, RUBBISH_THRESHOLD } from './rubbish';
export { foolingImages, type FoolingOptions } from './fooling';
export { sharedDirections } from './sharedDirections';
export { runExperiment } from './run';
