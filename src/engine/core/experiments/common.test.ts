import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/rng';
import { useCpuBackend } from '../testFixtures';
import {
  CHUNK_TARGET_MS,
  EXPERIMENT_CHUNK,
  FIRST_ADAPTIVE_CHUNK,
  chunks,
  chunksFor,
  itemSeed,
  seededNoise,
} from './common';
import type { ExperimentSpec } from '../../experimentTypes';
import { runExperiment } from './run';
import { mlpClassifier, seededRun } from './testing';

beforeAll(useCpuBackend);

describe('per-item seeded noise', () => {
  it('item i of a run is the same noise however the run is cut into chunks', () => {
    const whole = seededNoise(5, 0, 10, 7, 'gaussian');
    const tail = seededNoise(5, 6, 4, 7, 'gaussian');
    expect(Array.from(tail)).toEqual(Array.from(whole.subarray(6 * 7)));
  });

  it('item i draws from createRng(itemSeed(seed, i)), so the browser and Node agree', () => {
    const expected = createRng(itemSeed(3, 2)).fillSign(new Float32Array(5), 0.25);
    expect(Array.from(seededNoise(3, 2, 1, 5, 'sign', 0.25))).toEqual(Array.from(expected));
  });

  it('neighbouring items and seeds get different streams', () => {
    const seeds = new Set([itemSeed(0, 0), itemSeed(0, 1), itemSeed(1, 0), itemSeed(1, 1)]);
    expect(seeds.size).toBe(4);
  });

  it('N(0, 1): sample mean near 0 and variance near 1 (n = 20000: 5 standard errors)', () => {
    const x = seededNoise(9, 0, 20, 1000, 'gaussian');
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(x.length));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / x.length));
  });

  it('chunks cover 0..total-1 once, in order', () => {
    expect(chunks(7, 3)).toEqual([
      [0, 3],
      [3, 3],
      [6, 1],
    ]);
  });
});

describe('runExperiment', () => {
  const a = mlpClassifier('a', 3, 1);
  const b = mlpClassifier('b', 3, 2);
  const byId = (id: string) => {
    const found = [a, b].find((m) => m.id === id);
    if (!found) throw new Error(`unknown ${id}`);
    return found;
  };
  const images = seededRun(23, 3, 4);

  it('gives the same numbers for any chunk size (noise seeded per image)', async () => {
    for (const mode of ['fgsm', 'uniform', 'random-sign'] as const) {
      const spec: ExperimentSpec = {
        kind: 'attack',
        models: ['a', 'b'],
        attack: { mode },
        eps: [0.1, 0.3],
        seed: 7,
        images,
      };
      const small = await runExperiment(spec, byId, { chunkSize: 4 });
      const large = await runExperiment(spec, byId, { chunkSize: 100 });
      expect(small).toEqual(large);
    }
  });

  it('reports progress up to the total and stops with code "cancelled" when asked', async () => {
    const seen: number[] = [];
    const spec: ExperimentSpec = {
      kind: 'transfer',
      models: ['a', 'b'],
      attack: { mode: 'fgsm' },
      eps: 0.1,
      seed: 0,
      images,
    };
    await runExperiment(spec, byId, {
      chunkSize: 5,
      onProgress: (p) => seen.push(p.done / p.total),
    });
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    let calls = 0;
    const cancelled = runExperiment(spec, byId, { chunkSize: 5, shouldCancel: () => ++calls > 2 });
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('rejects bad specs with code "invalid-argument" and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const bad = [
      { kind: 'attack', models: ['a'], attack: { mode: 'fgsm' }, eps: [2], seed: 0, images },
      { kind: 'attack', models: [], attack: { mode: 'fgsm' }, eps: [0.1], seed: 0, images },
      { kind: 'attack', models: ['a'], attack: { mode: 'targeted' }, eps: [0.1], seed: 0, images },
      {
        kind: 'transfer',
        models: ['a'],
        attack: { mode: 'fgsm' },
        eps: 0.1,
        seed: 0,
        images: { ...images, count: 5 },
      },
      { kind: 'rubbish', models: ['a'], count: 0, seed: 0 },
      { kind: 'fooling', model: 'a', classes: [3], count: 2, steps: 2, eps: 0.1, seed: 0 },
      { kind: 'shared', model: 'a', eps: 0.1, sources: 23, seed: 0, images },
      { kind: 'nonsense' },
    ];
    for (const spec of bad) {
      await expect(runExperiment(spec as never, byId)).rejects.toMatchObject({
        code: 'invalid-argument',
      });
    }
    await runExperiment(
      { kind: 'fooling', model: 'a', count: 3, steps: 2, eps: 0.5, seed: 1 },
      byId,
    );
    await runExperiment(
      { kind: 'shared', model: 'b', eps: 0.2, sources: 2, seed: 1, images },
      byId,
      { chunkSize: 6 },
    );
    await runExperiment(
      {
        kind: 'ensemble',
        members: ['a', 'b'],
        attack: { mode: 'pgd', steps: 2 },
        eps: 0.2,
        seed: 1,
        images,
      },
      byId,
    );
    await runExperiment({ kind: 'rubbish', models: ['a', 'b'], count: 9, seed: 1, top: 2 }, byId);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('chunksFor', () => {
  it('keeps a fixed chunk size when the caller gives one', () => {
    expect([...chunksFor(1050, { chunkSize: 500 })]).toEqual([
      [0, 500],
      [500, 500],
      [1000, 50],
    ]);
  });

  it('without one, sizes each chunk from the time the previous took, covering every item once', () => {
    let clock = 0;
    const msPerItem = 10; // a slow model: 25 items fit in the 250 ms target
    const seen: Array<[number, number]> = [];
    for (const [start, count] of chunksFor(300, {}, () => clock)) {
      seen.push([start, count]);
      clock += count * msPerItem;
    }
    expect(seen[0]).toEqual([0, FIRST_ADAPTIVE_CHUNK]);
    expect(seen[1]).toEqual([FIRST_ADAPTIVE_CHUNK, CHUNK_TARGET_MS / msPerItem]);
    const covered = seen.reduce((n, [start, count]) => (expect(start).toBe(n), n + count), 0);
    expect(covered).toBe(300);
  });

  it('a fast model grows to EXPERIMENT_CHUNK, never beyond', () => {
    let clock = 0;
    const sizes: number[] = [];
    for (const [, count] of chunksFor(5000, {}, () => clock)) {
      sizes.push(count);
      clock += count * 0.01;
    }
    expect(Math.max(...sizes)).toBe(EXPERIMENT_CHUNK);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(5000);
  });
});
