/** Tiny models and image runs for the experiment tests (imported only by *.test.ts files). */
import type { ExperimentImages } from '../../experimentTypes';
import type { Classifier } from '../classifier';
import { classifierFromLayersModel } from '../layersClassifier';
import { denseModel, mlpModel, seededValues, testManifest } from '../testFixtures';
import { createRng } from '../../../shared/rng';

export const SHAPE: [number, number, number] = [4, 4, 1];
export const DIM = 16;

/** `count` seeded images in [0, 1] with seeded labels in 0..classes-1. */
export function seededRun(count: number, classes: number, seed: number): ExperimentImages {
  const rng = createRng(seed + 1000);
  const labels = Int32Array.from({ length: count }, () => Math.floor(rng.next() * classes));
  return { data: seededValues(count * DIM, seed, 0, 1), labels, count, shape: [...SHAPE] };
}

/** Linear logits z = W^T x + b on the flat image (kernel [DIM, classes]). */
export function linearClassifier(id: string, kernel: Float32Array, bias: Float32Array): Classifier {
  const manifest = testManifest(SHAPE, bias.length, 'logits', { id });
  return classifierFromLayersModel(denseModel(kernel, bias, DIM), manifest);
}

export function mlpClassifier(id: string, classes: number, seed: number): Classifier {
  return classifierFromLayersModel(
    mlpModel(DIM, 12, classes, seed),
    testManifest(SHAPE, classes, 'logits', { id }),
  );
}
