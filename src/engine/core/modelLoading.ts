/**
 * Loading a LayersModel without keeping copies of its weights. tfjs' LayerVariable.write
 * projects a constrained weight (Maxout's max-norm, RBF's non-negativity) with
 * `val.assign(constraint.apply(val))` and never frees the projected tensor; LayersModel
 * .loadWeights, which tf.loadLayersModel calls, writes outside any tidy. So every load of a
 * constrained model left one weight-sized tensor behind per constrained variable (4.69 MiB per
 * load of mnist-maxout). Writing the weights inside tf.tidy frees those tensors: the variables
 * keep their data, which they hold a reference to.
 */
import * as tf from '@tensorflow/tfjs';

/** Sets `weights` (by weight name) on `model`; the loaded tensors stay the caller's. */
export function writeWeights(model: tf.LayersModel, weights: tf.NamedTensorMap): void {
  tf.tidy(() => model.loadWeights(weights, true));
}

/** The IOHandler tf.loadLayersModel would pick for this URL. */
function handlerFor(url: string): tf.io.IOHandler {
  const handlers = tf.io.getLoadHandlers(url);
  if (handlers.length > 1) throw new Error(`more than one load handler for ${url}`);
  return handlers[0] ?? tf.io.http(url);
}

/**
 * A handler whose files are being fetched from now on: a model's download can run while the
 * backend starts (fetching needs no backend), and loadLayersModel reads it once there is one.
 */
export function fetchingNow(url: string): tf.io.IOHandler {
  const handler = handlerFor(url);
  const load = handler.load?.bind(handler);
  if (load === undefined) return handler;
  const artifacts = load();
  artifacts.catch(() => undefined); // reported when it is read
  return { load: () => artifacts };
}

/**
 * tf.loadLayersModel(source) minus its leak: the topology with fresh variables, then the
 * weights written by writeWeights. Training state (optimizer weights, config) is not read.
 */
export async function loadLayersModel(source: string | tf.io.IOHandler): Promise<tf.LayersModel> {
  const handler = typeof source === 'string' ? handlerFor(source) : source;
  if (handler.load === undefined) throw new Error('the model source cannot be loaded from');
  const artifacts = await handler.load();
  const model = await tf.models.modelFromJSON({
    modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'],
  });
  if (artifacts.weightData === undefined) return model;
  const specs = artifacts.weightSpecs ?? [];
  let decoded: tf.NamedTensorMap = {};
  try {
    decoded = tf.io.decodeWeights(artifacts.weightData, specs);
    const weights: tf.NamedTensorMap = {};
    for (const spec of specs) {
      const tensor = decoded[spec.name];
      if (spec.group !== 'optimizer' && tensor !== undefined) weights[spec.name] = tensor;
    }
    writeWeights(model, weights);
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    tf.dispose(Object.values(decoded));
  }
  return model;
}
