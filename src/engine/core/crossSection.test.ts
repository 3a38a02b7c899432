import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CrossSectionPartial, Progress } from '../api';
import { symmetricGrid } from '../../shared/epsGrid';
import type { Classifier } from './classifier';
import { crossSectionImage, crossSectionLevels } from './crossSection';
import { evaluatePlaneCells, type PeerCells } from './crossSectionCells';
import { crossSectionDirections } from './crossSectionDirections';
import { EngineError } from './errors';
import { classifierFromLayersModel } from './layersClassifier';
import { predictImages } from './predict';
import { maxAbs, mlpModel, seededImage, testManifest, useCpuBackend } from './testFixtures';

const SHAPE: [number, number, number] = [8, 8, 1];
const image = seededImage(SHAPE, 31);
let mlp: Classifier;

beforeAll(async () => {
  await useCpuBackend();
  mlp = classifierFromLayersModel(mlpModel(64, 32, 10, 3), testManifest(SHAPE, 10));
});

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

describe('crossSectionDirections', () => {
  it('horizontal = sign(grad), vertical orthogonal to it; both of max-norm 1', async () => {
    const d = await crossSectionDirections(mlp, image, 'predicted', undefined, 5);
    expect(maxAbs(d.horizontal)).toBe(1);
    expect(maxAbs(d.vertical)).toBe(1);
    for (const h of d.horizontal) expect([-1, 0, 1]).toContain(h);
    const cosine =
      dot(d.horizontal, d.vertical) /
      Math.sqrt(dot(d.horizontal, d.horizontal) * dot(d.vertical, d.vertical));
    expect(Math.abs(cosine)).toBeLessThan(1e-6);
    // A seeded Gaussian: same seed, same direction; another seed, another one.
    const again = await crossSectionDirections(mlp, image, 'predicted', undefined, 5);
    const other = await crossSectionDirections(mlp, image, 'predicted', undefined, 6);
    expect(Array.from(again.vertical)).toEqual(Array.from(d.vertical));
    expect(Array.from(other.vertical)).not.toEqual(Array.from(d.vertical));
  });
});

/** argmax and max softmax of each image, computed straight from the classifier. */
async function classify(c: Classifier, data: Float32Array, n: number) {
  const { cls, conf } = tf.tidy(() => {
    const logits = c.logits(tf.tensor4d(data, [n, ...SHAPE]));
    return { cls: tf.argMax(logits, 1), conf: tf.max(tf.softmax(logits), 1) };
  });
  const result = { cls: Array.from(await cls.data()), conf: Array.from(await conf.data()) };
  tf.dispose([cls, conf]);
  return result;
}

describe('crossSectionImage', () => {
  it('cell (row, col) is x + grid[col] h + grid[R-1-row] v; the centre is the clean image', async () => {
    const resolution = 9;
    const epsMax = 0.4;
    const r = await crossSectionImage(mlp, image, {
      epsMax,
      resolution,
      labelSource: 'predicted',
      seed: 2,
    });
    expect(r.resolution).toBe(resolution);
    expect(r.epsMax).toBe(epsMax);
    const [clean] = await predictImages(mlp, [image]);
    const centre = 4 * resolution + 4;
    expect(r.predictedClass[centre]).toBe(clean?.predictedClass);
    expect(r.confidence[centre]).toBeCloseTo(clean?.confidence ?? -1, 5);

    // Rebuild every cell on the CPU (row 0 = +epsMax vertical, column 0 = -epsMax horizontal).
    const grid = symmetricGrid(epsMax, resolution);
    const n = resolution * resolution;
    const cells = new Float32Array(n * 64);
    for (let row = 0; row < resolution; row++) {
      for (let col = 0; col < resolution; col++) {
        const a = grid[col] as number;
        const b = grid[resolution - 1 - row] as number;
        for (let i = 0; i < 64; i++) {
          cells[(row * resolution + col) * 64 + i] =
            (image.data[i] as number) +
            (a * (r.horizontal[i] as number) + b * (r.vertical[i] as number));
        }
      }
    }
    const expected = await classify(mlp, cells, n);
    expect(Array.from(r.predictedClass)).toEqual(expected.cls);
    r.confidence.forEach((conf, i) => expect(conf).toBeCloseTo(expected.conf[i] as number, 5));
    // An eps of 0.4 on a random MLP crosses at least one decision boundary.
    expect(new Set(r.predictedClass).size).toBeGreaterThan(1);
  });

  it('reports a coarse preview, then the map row-chunk by row-chunk', async () => {
    expect(crossSectionLevels(32)).toEqual([8, 32]);
    expect(crossSectionLevels(64)).toEqual([16, 64]);
    expect(crossSectionLevels(8)).toEqual([8]);
    const events: Progress[] = [];
    const r = await crossSectionImage(
      mlp,
      image,
      { epsMax: 0.2, resolution: 32, labelSource: 'predicted', clip: [0, 1] },
      { onProgress: (p) => events.push(p), chunkSize: 128 },
    );
    const partials = events.map((e) => e.partial as CrossSectionPartial);
    // 8x8 fits one chunk of 128 cells; 32x32 takes 4 rows per chunk: 8 chunks.
    expect(partials.map((p) => p.resolution)).toEqual([8, ...Array(8).fill(32)]);
    expect(partials.slice(1).map((p) => p.rowsDone)).toEqual([4, 8, 12, 16, 20, 24, 28, 32]);
    expect(events.map((e) => e.done)).toEqual([
      64,
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((k) => 64 + 128 * k),
    ]);
    expect(events.every((e) => e.total === 64 + 1024)).toBe(true);
    const second = partials[2] as CrossSectionPartial; // rows 0..7 done
    expect(second.predictedClass.slice(0, 8 * 32).every((k) => k >= 0)).toBe(true);
    expect(second.predictedClass.slice(8 * 32).every((k) => k === -1)).toBe(true);
    expect(Array.from((partials[8] as CrossSectionPartial).predictedClass)).toEqual(
      Array.from(r.predictedClass),
    );
  });

  it('stops with EngineError cancelled when asked, leaking no tensors', async () => {
    await crossSectionImage(mlp, image, { epsMax: 0.2, resolution: 16, labelSource: 'predicted' });
    const before = tf.memory().numTensors;
    let polls = 0;
    const call = crossSectionImage(
      mlp,
      image,
      { epsMax: 0.2, resolution: 32, labelSource: 'predicted' },
      { shouldCancel: () => ++polls > 3, chunkSize: 64 },
    );
    await expect(call).rejects.toSatisfy((e) => e instanceof EngineError && e.code === 'cancelled');
    expect(polls).toBe(4);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('crossSectionImage with remote evaluators (peer workers)', () => {
  const params = { epsMax: 0.4, resolution: 16, labelSource: 'predicted' as const, seed: 5 };

  /** a stand-in peer: the same model, evaluated from the plain-data plane, counting its cells */
  function peer(ways: number, fail = false): PeerCells & { cells: number; calls: number } {
    const remote = {
      ways,
      cells: 0,
      calls: 0,
      run: async ({ plane, a, b }: Parameters<PeerCells['run']>[0]) => {
        remote.calls++;
        if (fail) throw new Error('peer gone');
        remote.cells += a.length;
        return evaluatePlaneCells(mlp, plane, a, b);
      },
    };
    return remote;
  }

  for (const clip of [undefined, [0, 1] as [number, number]]) {
    it(`gives the same map, bit for bit, with shares computed elsewhere (clip ${String(clip)})`, async () => {
      const alone = await crossSectionImage(mlp, image, { ...params, ...(clip ? { clip } : {}) });
      for (const ways of [2, 3]) {
        const remote = peer(ways);
        const shared = await crossSectionImage(
          mlp,
          image,
          { ...params, ...(clip ? { clip } : {}) },
          { peers: remote, chunkSize: 64 },
        );
        expect(Array.from(shared.predictedClass)).toEqual(Array.from(alone.predictedClass));
        expect(Array.from(shared.confidence)).toEqual(Array.from(alone.confidence));
        // the remote evaluators took (ways - 1) / ways of the cells: 4 rows a chunk of 64
        const total = 16 * 16 + 4 * 4;
        expect(remote.cells).toBeGreaterThan(((ways - 1) / ways) * total * 0.5);
        expect(remote.cells).toBeLessThan(total);
      }
    });
  }

  it('computes a failed share itself: the map is still complete and right', async () => {
    const alone = await crossSectionImage(mlp, image, params);
    const remote = peer(2, true);
    const before = tf.memory().numTensors;
    const shared = await crossSectionImage(mlp, image, params, { peers: remote, chunkSize: 64 });
    expect(remote.calls).toBeGreaterThan(0);
    expect(Array.from(shared.predictedClass)).toEqual(Array.from(alone.predictedClass));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a plane of the wrong size is refused', async () => {
    const bad = {
      image,
      horizontal: new Float32Array(3),
      vertical: new Float32Array(3),
      clip: null,
    };
    await expect(
      evaluatePlaneCells(mlp, bad, new Float32Array(1), new Float32Array(1)),
    ).rejects.toSatisfy((e) => e instanceof EngineError && e.code === 'invalid-argument');
  });
});
