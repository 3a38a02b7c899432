/**
 * A model trained in the lab, as the rest of the app takes models: its TF.js files (model.json
 * naming weights.bin) downloaded, or turned into blob: URLs and handed to the own-model path,
 * which loads it into the engine (again after a restart: the URLs live for the session) and
 * puts it in the model picker, selected, with its dataset's test images.
 */
import type { LabDataset, TrainedModel } from '../engine/api';
import type { ModelManifest } from '../models/manifest';
import { OWN_MODEL_ID_PREFIX } from '../models/ownModelManifest';
import { DATASET_CATALOG } from '../shared/datasetCatalog';
import { downloadBlob } from '../ui/export/download';

/**
 * A fresh id for a trained model: unique across sessions too, since a kept model keeps its id
 * (links name it) and another page may keep one meanwhile.
 */
export function newTrainedModelId(): string {
  const random = Math.floor(Math.random() * 36 ** 6).toString(36);
  return `${OWN_MODEL_ID_PREFIX}trained-${Date.now().toString(36)}${random}`;
}

/** model.json with its weights manifest pointing at `weightsUrl` instead of weights.bin. */
function pointedAt(modelJson: string, weightsUrl: string): string {
  const json = JSON.parse(modelJson) as { weightsManifest?: { paths: string[] }[] };
  for (const group of json.weightsManifest ?? []) group.paths = group.paths.map(() => weightsUrl);
  return JSON.stringify(json);
}

export interface TrainedModelEntry {
  manifest: ModelManifest;
  classNames: string[];
}

export function trainedModelEntry(
  model: TrainedModel,
  dataset: LabDataset,
  id: string = newTrainedModelId(),
): TrainedModelEntry {
  const weightsUrl = URL.createObjectURL(
    new Blob([new Uint8Array(model.weights)], { type: 'application/octet-stream' }),
  );
  const url = URL.createObjectURL(
    new Blob([pointedAt(model.modelJson, weightsUrl)], { type: 'application/json' }),
  );
  const classNames = [...DATASET_CATALOG[dataset].classNames];
  const spec = DATASET_CATALOG[dataset];
  return {
    manifest: {
      id,
      title: `${model.title} (trained here)`,
      dataset,
      classNames,
      inputShape: [spec.height, spec.width, spec.channels],
      modelInputShape: [spec.height * spec.width * spec.channels],
      preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
      output: 'logits',
      format: 'layers',
      url,
      architecture: `${model.architecture}; trained in the Training lab`,
    },
    classNames,
  };
}

/** Saves model.json and weights.bin, which "Use your own model" loads back. */
export function downloadTrainedModel(model: TrainedModel): void {
  downloadBlob(new Blob([model.modelJson], { type: 'application/json' }), 'model.json');
  downloadBlob(
    new Blob([new Uint8Array(model.weights)], { type: 'application/octet-stream' }),
    'weights.bin',
  );
}
