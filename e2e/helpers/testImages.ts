/**
 * Test images read in Node straight from the MNIST test set (the IDX files beside the repository
 * in ../shared/data/mnist, or MNIST_DIR), so backend comparisons do not depend on the app's own
 * data pipeline.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parseIdxImages, parseIdxLabels } from '../../src/shared/idx';
import type { PlainImage } from './engine';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export function mnistDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MNIST_DIR ?? join(repoRoot, '..', 'shared', 'data', 'mnist');
}

let cache: { images: ReturnType<typeof parseIdxImages>; labels: Uint8Array } | undefined;

function load(): NonNullable<typeof cache> {
  if (cache) return cache;
  const dir = mnistDir();
  const imagesFile = join(dir, 't10k-images-idx3-ubyte.gz');
  if (!existsSync(imagesFile)) {
    throw new Error(`MNIST test images not found at ${imagesFile} (set MNIST_DIR)`);
  }
  const images = parseIdxImages(gunzipSync(readFileSync(imagesFile)), imagesFile);
  const labelsFile = join(dir, 't10k-labels-idx1-ubyte.gz');
  const labels = parseIdxLabels(gunzipSync(readFileSync(labelsFile)), labelsFile);
  cache = { images, labels };
  return cache;
}

/** MNIST test image `index`, pixels scaled to [0, 1], with its true label. */
export function mnistTestImage(index: number): PlainImage {
  const { images, labels } = load();
  if (!Number.isInteger(index) || index < 0 || index >= images.count) {
    throw new RangeError(`MNIST test index ${index} is outside 0..${images.count - 1}`);
  }
  const size = images.height * images.width;
  const bytes = images.pixels.subarray(index * size, (index + 1) * size);
  const image: PlainImage = {
    data: Array.from(bytes, (b) => b / 255),
    height: images.height,
    width: images.width,
    channels: 1,
  };
  const label = labels[index];
  if (label !== undefined) image.label = label;
  return image;
}
