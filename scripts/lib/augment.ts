/**
 * Seeded training-time augmentation of a batch of NHWC images in place: a left-right mirror with
 * probability 1/2 and a translation of up to `shift` pixels along each axis, zeros filling in
 * (the usual pad-and-crop). Done on the CPU, so runs on every backend give the same images.
 */
import type { Rng } from '../../src/shared/rng';
import type { Augmentation } from './architectures';

export function augmentBatch(
  x: Float32Array,
  shape: readonly [number, number, number, number],
  augmentation: Augmentation,
  rng: Rng,
): void {
  const [n, h, w, c] = shape;
  const size = h * w * c;
  const source = new Float32Array(size);
  for (let i = 0; i < n; i++) {
    const image = x.subarray(i * size, (i + 1) * size);
    const flip = augmentation.flip && rng.next() < 0.5;
    const span = 2 * augmentation.shift + 1;
    const dy = augmentation.shift > 0 ? Math.floor(rng.next() * span) - augmentation.shift : 0;
    const dx = augmentation.shift > 0 ? Math.floor(rng.next() * span) - augmentation.shift : 0;
    if (!flip && dx === 0 && dy === 0) continue;
    source.set(image);
    for (let row = 0; row < h; row++) {
      const fromRow = row - dy;
      for (let col = 0; col < w; col++) {
        const shifted = col - dx;
        const fromCol = flip ? w - 1 - shifted : shifted;
        const out = (row * w + col) * c;
        const inside = fromRow >= 0 && fromRow < h && shifted >= 0 && shifted < w;
        const from = (fromRow * w + fromCol) * c;
        for (let k = 0; k < c; k++) image[out + k] = inside ? (source[from + k] ?? 0) : 0;
      }
    }
  }
}
