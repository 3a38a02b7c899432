import * as tf from '@tensorflow/tfjs';

/**
 * Test helper: saves a model to memory and loads it back through JSON text, the way a browser
 * reads model.json, so custom layers must (de)serialise their config.
 */
export async function roundTrip(model: tf.LayersModel): Promise<tf.LayersModel> {
  const captured: tf.io.ModelArtifacts[] = [];
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured.push(artifacts);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const saved = captured[0];
  if (saved === undefined) throw new Error('roundTrip: nothing was saved');
  const topology = JSON.parse(JSON.stringify(saved.modelTopology)) as object;
  const specs = JSON.parse(JSON.stringify(saved.weightSpecs)) as tf.io.WeightsManifestEntry[];
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: topology, weightSpecs: specs, weightData: saved.weightData }),
  );
}
