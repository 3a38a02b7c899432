/**
 * The logits hidden inside a weighted layer that applies softmax or sigmoid itself (Dense or
 * Conv with activation 'softmax'): a copy of the layer with a linear activation and the same
 * weights gives its pre-activation. Attacking those logits keeps the gradient that a saturated
 * softmax or sigmoid output would round away.
 */
import * as tf from '@tensorflow/tfjs';

export interface LinearTwin {
  /** model.inputs -> the layer's pre-activation */
  net: tf.LayersModel;
  /** the copy, whose weights the original model does not own (dispose with the plan) */
  layer: tf.layers.Layer;
}

/** null when the layer's class is not registered or it has several inputs. */
export function linearTwin(model: tf.LayersModel, layer: tf.layers.Layer): LinearTwin | null {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[layer.getClassName()];
  const input = layer.input;
  if (!entry || Array.isArray(input)) return null;
  const [cls, fromConfig] = entry;
  const config = { ...layer.getConfig(), activation: 'linear', name: `${layer.name}_logits` };
  const copy = fromConfig(cls, config as tf.serialization.ConfigDict) as unknown as tf.layers.Layer;
  const output = copy.apply(input) as tf.SymbolicTensor;
  copy.setWeights(layer.getWeights());
  return { net: tf.model({ inputs: model.inputs, outputs: output }), layer: copy };
}
