/**
 * What the engine computed and for what: outcomes the store keeps beside the inputs they belong
 * to, so a view never pairs a result with another image. Imports nothing of the store's, so
 * every slice and types.ts can use them without a cycle.
 */
import type {
  AttackResult,
  BackendName,
  ImageData01,
  MapHorizontal,
  SweepResult,
} from '../engine/api';
import type { ModelManifest } from '../models/manifest';

/** The own picture made into the selected model's input. */
export interface PreparedOwnImage {
  modelId: string;
  ownId: number;
  image: ImageData01;
  /** the user's label as the model numbers its classes; -1: unknown */
  trueLabel: number;
  inverted: boolean;
  /** no ink found (MNIST recipe): the tensor is all zeros */
  empty: boolean;
  recipe: ModelManifest['preprocessing']['recipe'];
}

/**
 * An image that is not a test image (a cross-section cell): it replaces the selected test image
 * in the image panel until another image or model is chosen.
 */
export interface ProbeImage {
  modelId: string;
  /** the test image it was made from, and that image's true class for the model (-1 unknown) */
  baseIndex: number;
  trueLabel: number;
  image: ImageData01;
  /** "map 2 at (+0.120, −0.040)" */
  description: string;
  /** the largest change of any pixel from the test image, after clipping */
  linf: number;
  /** its offsets along the map's FGSM and random directions (a link recomputes it from them) */
  cell?: [number, number];
  /** the map's horizontal direction (absent: FGSM) */
  horizontal?: MapHorizontal;
}

/** An attack result and what it was computed for, so views never pair it with another image. */
export interface AttackOutcome {
  modelId: string;
  index: number;
  /** the probe image attacked instead of test image `index`, if any */
  probe: ProbeImage | null;
  /** the user's own picture attacked instead of test image `index`, if any */
  own?: PreparedOwnImage | null;
  eps: number;
  result: AttackResult;
  ms: number;
  backend: BackendName;
}

/** Where the computed views' results are stored; each knows what it was computed for. */
export interface SweepOutcome {
  modelId: string;
  index: number;
  image: ImageData01;
  result: SweepResult;
  /** the user's own picture it was computed for, if any */
  own?: PreparedOwnImage | null;
}
