/** Model loading for the Node bench and the GPU entry: models/<id>/ from a models folder. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ModelManifest } from '../../src/models/manifest';
import { classifierFromLayersModel, readFloat32, type Classifier } from '../../src/engine/core';
import { loadModelFromDir } from '../../scripts/lib/modelFiles';
import { summarize, type Summary } from './stats';

export function manifestOf(modelsDir: string, id: string): ModelManifest {
  const index = JSON.parse(readFileSync(join(modelsDir, 'index.json'), 'utf8')) as {
    models: ModelManifest[];
  };
  const manifest = index.models.find((m) => m.id === id);
  if (!manifest) throw new Error(`model ${id} is not in ${modelsDir}/index.json`);
  return manifest;
}

async function loadOnce(
  modelsDir: string,
  manifest: ModelManifest,
): Promise<{ model: tf.LayersModel; classifier: Classifier; ms: number }> {
  const t0 = performance.now();
  const model = await loadModelFromDir(join(modelsDir, manifest.id));
  const classifier = classifierFromLayersModel(model, manifest);
  // the first forward pass uploads the weights: part of "ready to use"
  const probe = tf.tidy(() => classifier.logits(tf.zeros([1, ...manifest.inputShape])));
  await readFloat32(probe);
  probe.dispose();
  return { model, classifier, ms: performance.now() - t0 };
}

/** Loads the model `repeats + 1` times (the first untimed), keeps the last one. */
export async function loadTimed(
  modelsDir: string,
  id: string,
  repeats: number,
): Promise<{ classifier: Classifier; ms: Summary; dispose: () => void }> {
  const manifest = manifestOf(modelsDir, id);
  const samples: number[] = [];
  let last = await loadOnce(modelsDir, manifest);
  for (let i = 0; i < repeats; i++) {
    last.model.dispose();
    last = await loadOnce(modelsDir, manifest);
    samples.push(last.ms);
  }
  const { model } = last;
  return { classifier: last.classifier, ms: summarize(samples), dispose: () => model.dispose() };
}
