/**
 * A trained model as the files of a TF.js LayersModel, model.json (whose weights manifest names
 * weights.bin) and weights.bin: what the Training lab offers for download and loads back through
 * the own-model path, like any model a user brings.
 */
import * as tf from '@tensorflow/tfjs';

export const WEIGHTS_FILE = 'weights.bin';

export interface LayersModelFiles {
  modelJson: string;
  weights: Uint8Array;
}

export async function layersModelFiles(model: tf.LayersModel): Promise<LayersModelFiles> {
  let files: LayersModelFiles | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData;
      const weights =
        data instanceof ArrayBuffer ? new Uint8Array(data.slice(0)) : new Uint8Array(0);
      const json: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'],
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: null,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
      };
      files = { modelJson: JSON.stringify(json), weights };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (files === null) throw new Error('the model was not saved');
  return files;
}
