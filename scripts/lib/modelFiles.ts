/**
 * Node IOHandlers for models/<id>/: model.json plus one weights file, the layout
 * tf.loadLayersModel reads in the browser. No tfjs-node: plain fs and tf.io.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadLayersModel } from '../../src/engine/core/modelLoading';
import { registerCustomLayers } from '../../src/engine/layers/register';
import type { WeightFile } from '../../src/models/manifest';
import { hashFile } from './fileHash';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

/** Writes model.json and WEIGHTS_FILE into `dir`. */
export function fileSaver(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new Error('fileSaver: binary (graph) topologies are not supported');
      }
      const weightData = new tf.io.CompositeArrayBuffer(artifacts.weightData).slice();
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology ?? {},
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: null,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
      };
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, MODEL_JSON), JSON.stringify(modelJson));
      await writeFile(join(dir, WEIGHTS_FILE), new Uint8Array(weightData));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(modelJson) };
    },
  };
}

/** Reads a model.json written by fileSaver (or any single-manifest layers model) from disk. */
export function fileLoader(modelJsonPath: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const modelJson = JSON.parse(await readFile(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
      if (modelJson.modelTopology === undefined || !Array.isArray(modelJson.weightsManifest)) {
        throw new Error(`${modelJsonPath}: not a tfjs layers model.json`);
      }
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const path of group.paths) {
            const bytes = await readFile(join(dirname(modelJsonPath), path));
            buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
          }
        }
        return [specs, new tf.io.CompositeArrayBuffer(buffers).slice()];
      });
    },
  };
}

export async function saveModel(model: tf.LayersModel, dir: string): Promise<void> {
  await model.save(fileSaver(dir));
}

/** Loads models/<id>/model.json (custom layers registered first). */
export async function loadModelFromDir(dir: string): Promise<tf.LayersModel> {
  registerCustomLayers();
  return loadLayersModel(fileLoader(join(dir, MODEL_JSON)));
}

/** Size and SHA-256 of every weights file model.json names; paths relative to `modelsRoot`. */
export async function describeWeights(dir: string, modelsRoot: string): Promise<WeightFile[]> {
  const modelJson = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
  const files: WeightFile[] = [];
  for (const group of modelJson.weightsManifest) {
    for (const path of group.paths) {
      const full = join(dir, path);
      const { bytes, sha256 } = await hashFile(full);
      files.push({ path: relative(modelsRoot, full).split('\\').join('/'), bytes, sha256 });
    }
  }
  return files;
}
