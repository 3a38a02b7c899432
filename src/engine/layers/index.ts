export { Maxout, type MaxoutArgs } from './maxout';
export { RBF, type RBFArgs } from './rbf';
export { registerCustomLayers } from './register';
