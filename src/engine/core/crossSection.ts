/**
 * Cross-section maps (Goodfellow's lecture): the plane through x spanned by the FGSM direction
 * (horizontal; for the control, random signs) and a random direction orthogonal to it
 * (vertical), both of max-norm 1, sampled on
 * a resolution x resolution grid of [-epsMax, epsMax]^2 and coloured by the predicted class: a
 * coarse preview first, then the map chunk by chunk, with progress and cancel between chunks.
 */
import { crossSectionLevels } from '../../shared/crossSectionGrid';
import type * as tf from '@tensorflow/tfjs';
import type {
  CrossSectionParams,
  CrossSectionPartial,
  CrossSectionResult,
  ImageData01,
  PlaneSpec,
  Progress,
} from '../api';
import { symmetricGrid } from '../../shared/epsGrid';
import type { Classifier } from './classifier';
import { evaluateChunk, planeOf, type PeerCells } from './crossSectionCells';
import { directionsOf } from './crossSectionDirections';
import { EngineError } from './errors';
import { fittingBatch } from './memoryBudget';
import { imageToTensor } from './tensors';
import { checkCrossSectionParams, checkImage } from './validate';

/** Images per chunk when the caller does not say: a few hundred ms on slow backends. */
export const DEFAULT_CHUNK_SIZE = 2048;
// the levels are shared with the view's time estimate (src/shared/mapEstimate.ts)
export { crossSectionLevels, MIN_COARSE_RESOLUTION } from '../../shared/crossSectionGrid';

export interface CrossSectionHooks {
  onProgress?(progress: Progress<CrossSectionPartial>): void;
  /** polled before every chunk; true stops the call with EngineError('cancelled') */
  shouldCancel?(): boolean;
  /** images per chunk (whole rows; at least one row) */
  chunkSize?: number;
  /** peer engines that take a share of every chunk, computed meanwhile */
  peers?: PeerCells;
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export async function crossSectionImage(
  c: Classifier,
  image: ImageData01,
  params: CrossSectionParams,
  hooks: CrossSectionHooks = {},
): Promise<CrossSectionResult> {
  checkImage(c.inputShape, image);
  const p = checkCrossSectionParams(params, c.numClasses);
  const chunkSize = hooks.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new EngineError(
      'invalid-argument',
      `chunkSize must be a positive integer, got ${chunkSize}`,
    );
  }
  const cancelIfAsked = (): void => {
    if (hooks.shouldCancel?.() === true)
      throw new EngineError('cancelled', 'cross-section cancelled');
  };
  const levels = crossSectionLevels(p.resolution);
  const total = levels.reduce((sum, r) => sum + r * r, 0);
  let done = 0;

  const x = imageToTensor(image);
  const tensors: tf.Tensor[] = [x];
  try {
    cancelIfAsked();
    const { horizontal, vertical } = await directionsOf(
      c,
      x,
      p.labelSource,
      p.trueLabel,
      p.seed,
      p.horizontal,
    );
    const plane = planeOf(c, x, horizontal, vertical, p.clip, tensors);
    const spec: PlaneSpec = { image, horizontal, vertical, clip: p.clip };

    let predictedClass = new Int32Array(0);
    let confidence = new Float32Array(0);
    for (const resolution of levels) {
      const grid = symmetricGrid(p.epsMax, resolution);
      predictedClass = new Int32Array(resolution * resolution).fill(-1);
      confidence = new Float32Array(resolution * resolution);
      const cellsPerChunk = await fittingBatch(c, Math.min(chunkSize, resolution * resolution));
      const rowsPerChunk = Math.max(1, Math.floor(cellsPerChunk / resolution));
      for (let row0 = 0; row0 < resolution; row0 += rowsPerChunk) {
        cancelIfAsked();
        const rows = Math.min(rowsPerChunk, resolution - row0);
        const a = new Float32Array(rows * resolution);
        const b = new Float32Array(rows * resolution);
        for (let r = 0; r < rows; r++) {
          // Row 0 is +epsMax of the vertical axis; column 0 is -epsMax of the horizontal one.
          const vertical = grid[resolution - 1 - (row0 + r)] as number;
          for (let col = 0; col < resolution; col++) {
            a[r * resolution + col] = grid[col] as number;
            b[r * resolution + col] = vertical;
          }
        }
        const cells = await evaluateChunk(c, plane, spec, a, b, resolution, hooks.peers);
        predictedClass.set(cells.predicted, row0 * resolution);
        confidence.set(cells.confidence, row0 * resolution);
        done += rows * resolution;
        const partial: CrossSectionPartial = {
          resolution,
          rowsDone: row0 + rows,
          predictedClass: predictedClass.slice(),
          confidence: confidence.slice(),
        };
        hooks.onProgress?.({ done, total, partial });
        // Let queued messages (a cancel) run before the next chunk.
        await nextTask();
      }
    }
    return {
      resolution: p.resolution,
      epsMax: p.epsMax,
      predictedClass,
      confidence,
      horizontal,
      vertical,
    };
  } finally {
    tensors.forEach((t) => t.dispose());
  }
}
