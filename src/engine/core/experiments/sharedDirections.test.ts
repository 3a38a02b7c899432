import { beforeAll, describe, expect, it } from 'vitest';
import { seededValues, useCpuBackend } from '../testFixtures';
import { sharedDirections } from './sharedDirections';
import { DIM, linearClassifier, seededRun } from './testing';

beforeAll(useCpuBackend);

// Binary linear model, logits [0, z], z = w.x + b. For label 1 every image's FGSM perturbation is
// the same, -eps * sign(w): the direction is shared exactly, and adding image s's perturbation to
// image t moves z_t by -eps |w|_1 (pixels in [0.3, 0.7], eps 1/32: no clipping).
const w = seededValues(DIM, 41, -1, 1);
const b = -0.9;
const kernel = new Float32Array(2 * DIM);
w.forEach((v, i) => (kernel[2 * i + 1] = v));
const binary = linearClassifier('binary', kernel, Float32Array.of(0, b));
const l1 = w.reduce((s, v) => s + Math.abs(v), 0);
const eps = 1 / 32; // small enough that only some images flip

describe('sharedDirections', () => {
  it("for a linear model every label-1 image shares one direction: flips equal each target's own", async () => {
    const count = 80;
    const images = seededRun(count, 2, 6);
    images.data = seededValues(count * DIM, 6, 0.3, 0.7);
    images.labels.fill(1);
    const correct: boolean[] = [];
    const flipped: boolean[] = [];
    for (let i = 0; i < count; i++) {
      const z = w.reduce((s, v, j) => s + v * (images.data[i * DIM + j] as number), b);
      correct.push(z > 0);
      flipped.push(z > 0 && z - eps * l1 <= 0);
    }
    const sum = (xs: boolean[], skip = -1) => xs.filter((v, i) => v && i !== skip).length;
    const r = await sharedDirections(binary, images, 3, eps, 0, { chunkSize: 32 });
    expect(r.cleanCorrect).toBe(sum(correct));
    expect(r.ownFgsmFlipRate).toBeCloseTo(sum(flipped) / sum(correct), 12);
    r.rows.forEach((row, s) => {
      expect(row.index).toBe(s);
      expect(row.flipRate).toBeCloseTo(sum(flipped, s) / sum(correct, s), 12);
    });
    expect(sum(flipped)).toBeGreaterThan(0);
    expect(sum(flipped)).toBeLessThan(sum(correct));
  });
});
