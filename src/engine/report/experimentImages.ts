/**
 * The images an experiment runs on, picked the same way in the browser and in the eval CLI:
 * of the test images whose class is one of the model's, all of them, or `limit` spread evenly
 * over the set (pick k is eligible image floor(k * eligible / limit)): our CIFAR-10 copy is
 * sorted by class, so the first `limit` would all be airplanes. Labels follow the model's class
 * order (a 3-vs-7 model sees only 3s and 7s, labelled 0 and 1).
 */
import type { ExperimentImages } from '../experimentTypes';
import { imageSize, type Dataset } from '../../shared/dataset';

export class ExperimentImagesError extends Error {
  override readonly name = 'ExperimentImagesError';
}

/** Dataset class index of each model class; throws when a class is not in the dataset. */
export function classMap(ds: Dataset, classNames: readonly string[]): number[] {
  return classNames.map((name) => {
    const index = ds.classNames.indexOf(name);
    if (index < 0) {
      throw new ExperimentImagesError(
        `class "${name}" is not in ${ds.id} (${ds.classNames.join(', ')})`,
      );
    }
    return index;
  });
}

export function selectExperimentImages(
  ds: Dataset,
  classNames: readonly string[],
  limit = Infinity,
): ExperimentImages {
  if (!(limit >= 1)) throw new ExperimentImagesError(`limit must be at least 1, got ${limit}`);
  const map = classMap(ds, classNames);
  const size = imageSize(ds);
  const eligible: number[] = [];
  const eligibleLabels: number[] = [];
  for (let i = 0; i < ds.count; i++) {
    const label = map.indexOf(ds.labels[i] ?? -1);
    if (label >= 0) {
      eligible.push(i);
      eligibleLabels.push(label);
    }
  }
  const count = Math.min(eligible.length, Math.floor(limit));
  const pickAt = (k: number) => Math.floor((k * eligible.length) / count);
  const picked = Array.from({ length: count }, (_, k) => eligible[pickAt(k)] ?? 0);
  const labels = Array.from({ length: count }, (_, k) => eligibleLabels[pickAt(k)] ?? 0);
  if (picked.length === 0)
    throw new ExperimentImagesError(`${ds.id} has no images of these classes`);
  const data = new Float32Array(picked.length * size);
  picked.forEach((image, row) => {
    const bytes = ds.pixels.subarray(image * size, (image + 1) * size);
    for (let j = 0; j < size; j++) data[row * size + j] = (bytes[j] ?? 0) / 255;
  });
  return {
    data,
    labels: Int32Array.from(labels),
    count: picked.length,
    shape: [ds.height, ds.width, ds.channels],
  };
}
