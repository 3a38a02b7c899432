/** What loading an own model gives the model cache (ownModelLoad and its two loaders). */
import type * as tf from '@tensorflow/tfjs';
import type { ModelManifest } from '../../models/manifest';
import type { OwnOutputReport } from '../../models/ownModelOutput';
import type { Classifier } from '../core';

export interface LoadedOwnModel {
  /** the manifest as loaded: the real class names, shapes and output kind */
  manifest: ModelManifest;
  /** the LayersModel (first-layer weights view); null for a GraphModel */
  model: tf.LayersModel | null;
  classifier: Classifier;
  notes: string[];
  /** how the output is read, and how that was found */
  report: OwnOutputReport;
  parameterCount: number;
  /** frees everything this load made */
  release(): void;
}
