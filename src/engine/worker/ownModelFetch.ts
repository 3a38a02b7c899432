/**
 * Downloads a user's model.json and its weight files with every check the user needs a clear
 * message for: unreachable or missing URLs, not-JSON, not-a-model, too big (refused from the
 * weightsManifest before any weight is downloaded, and from Content-Length), missing and
 * truncated weight files. Gives tfjs ModelArtifacts with the weights concatenated in manifest
 * order, ready for tf.io.fromMemory.
 */
import type * as tf from '@tensorflow/tfjs';
import { shownWeightPath } from '../../models/droppedModelFiles';
import { fetchModelJsonText, get, readCapped, type OwnFetch } from '../../models/ownModelHttp';
import {
  formatBytes,
  OWN_MODEL_MAX_WEIGHT_BYTES,
  OwnModelError,
  parseModelJsonText,
  type ModelJsonFacts,
} from '../../models/ownModelJson';

export type { OwnFetch };

export interface OwnModelArtifacts {
  facts: ModelJsonFacts;
  artifacts: tf.io.ModelArtifacts;
  /** each weight's name -> the file(s) of its group, as the user knows them (for messages) */
  weightFiles: Record<string, string>;
}

/**
 * A weight file's address: relative to model.json's. TF-Hub / Kaggle Models serve the raw files
 * only with '?tfjs-format=file' (as tf.loadGraphModel's fromTFHub asks for them), so a model.json
 * read that way passes the query on to its weight files.
 */
export function weightFileUrl(path: string, modelUrl: string): string {
  const file = new URL(path, modelUrl);
  const model = new URL(modelUrl);
  if (file.search === '' && model.searchParams.get('tfjs-format') === 'file') {
    file.search = '?tfjs-format=file';
  }
  return file.href;
}

export async function fetchOwnModel(url: string, fetchImpl: OwnFetch): Promise<OwnModelArtifacts> {
  const { json, ...facts } = parseModelJsonText(await fetchModelJsonText(url, fetchImpl));

  // every weight file, in manifest order; each group must be exactly as long as its specs say
  const parts: Uint8Array[] = [];
  let loaded = 0;
  for (const group of facts.weightGroups) {
    let groupBytes = 0;
    for (const path of group.paths) {
      const fileUrl = weightFileUrl(path, url);
      const shown = shownWeightPath(json, path);
      const response = await get(fileUrl, `weight file '${shown}'`, fetchImpl);
      const bytes = await readCapped(
        response,
        OWN_MODEL_MAX_WEIGHT_BYTES - loaded,
        (n) =>
          `weight file '${shown}' is ${formatBytes(n)}: the weights would pass the ` +
          `${formatBytes(OWN_MODEL_MAX_WEIGHT_BYTES)} limit. Use a smaller model.`,
      );
      loaded += bytes.byteLength;
      groupBytes += bytes.byteLength;
      parts.push(bytes);
    }
    if (groupBytes !== group.bytes) {
      const files = group.paths.map((p) => `'${shownWeightPath(json, p)}'`).join(', ');
      throw new OwnModelError(
        groupBytes < group.bytes
          ? `weight file ${files} is truncated: ${groupBytes} bytes, but model.json's weightsManifest needs ${group.bytes}. Download or copy it again.`
          : `weight file ${files} has ${groupBytes} bytes, but model.json's weightsManifest needs ${group.bytes}: the weights do not belong to this model.json.`,
      );
    }
  }
  const weightData = new Uint8Array(loaded);
  let offset = 0;
  for (const part of parts) {
    weightData.set(part, offset);
    offset += part.byteLength;
  }
  const groups = json.weightsManifest as {
    paths: string[];
    weights: tf.io.WeightsManifestEntry[];
  }[];
  const weightSpecs = groups.flatMap((g) => g.weights);
  const weightFiles: Record<string, string> = {};
  for (const group of groups) {
    const files = group.paths.map((p) => shownWeightPath(json, p)).join(' + ');
    for (const spec of group.weights) weightFiles[spec.name] = files;
  }
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    weightSpecs,
    weightData: weightData.buffer,
  };
  if (typeof json.format === 'string') artifacts.format = json.format;
  if (typeof json.generatedBy === 'string') artifacts.generatedBy = json.generatedBy;
  if (typeof json.convertedBy === 'string') artifacts.convertedBy = json.convertedBy;
  if (typeof json.signature === 'object' && json.signature !== null)
    artifacts.signature = json.signature;
  return { facts, artifacts, weightFiles };
}
