import * as tf from '@tensorflow/tfjs';
import { Maxout } from './maxout';
import { RBF } from './rbf';

let registered = false;

/**
 * Makes the custom layers known to tf.loadLayersModel / tf.models.modelFromJSON. Safe to call
 * any number of times; the worker and the Node scripts both call it before loading a model.
 */
export function registerCustomLayers(): void {
  if (registered) return;
  tf.serialization.registerClass(Maxout);
  tf.serialization.registerClass(RBF);
  registered = true;
}

export { Maxout, RBF };
