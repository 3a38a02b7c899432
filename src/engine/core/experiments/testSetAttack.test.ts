import { beforeAll, describe, expect, it } from 'vitest';
import { seededValues, useCpuBackend } from '../testFixtures';
import type { AttackShareSpec, ExperimentAttack } from '../../experimentTypes';
import type { PeerAttackShares } from './common';
import { attackShare, testSetAttack } from './testSetAttack';
import { DIM, linearClassifier, seededRun, SHAPE } from './testing';

beforeAll(useCpuBackend);

// Binary linear model: logits [0, z], z = w.x + b, so class 1 wins iff z > 0. Its loss gradient
// is -(1 - p1) w for label 1 and p1 w for label 0, so FGSM moves z by -eps |w|_1 (label 1) or
// +eps |w|_1 (label 0) exactly, as long as clipping does not bite (pixels in [0.3, 0.7], eps 1/32).
const w = seededValues(DIM, 21, -1, 1);
const b = 0.05;
const kernel = new Float32Array(2 * DIM);
w.forEach((v, i) => (kernel[2 * i + 1] = v));
const binary = linearClassifier('binary', kernel, Float32Array.of(0, b));
const count = 200;
const images = seededRun(count, 2, 3);
images.data = seededValues(count * DIM, 3, 0.3, 0.7);

function z(i: number): number {
  let s = b;
  for (let j = 0; j < DIM; j++) s += (w[j] as number) * (images.data[i * DIM + j] as number);
  return s;
}
const l1 = w.reduce((s, v) => s + Math.abs(v), 0);
const eps = 1 / 32; // small enough that only some images flip

describe('testSetAttack', () => {
  it('FGSM error equals the closed form z -/+ eps |w|_1 of a linear model', async () => {
    let cleanErrors = 0;
    let attackedErrors = 0;
    for (let i = 0; i < count; i++) {
      const label = images.labels[i] as number;
      const moved = z(i) + (label === 1 ? -eps * l1 : eps * l1);
      if ((z(i) > 0 ? 1 : 0) !== label) cleanErrors++;
      if ((moved > 0 ? 1 : 0) !== label) attackedErrors++;
    }
    const r = await testSetAttack([binary], { mode: 'fgsm' }, [0, eps], images, 0, {
      chunkSize: 64,
    });
    expect(r.rows.map((row) => row.eps)).toEqual([0, eps]);
    expect(r.rows[0]?.cleanErrorRate).toBeCloseTo(cleanErrors / count, 12);
    expect(r.rows[0]?.errorRate).toBeCloseTo(cleanErrors / count, 12); // eps 0 changes nothing
    expect(r.rows[1]?.errorRate).toBeCloseTo(attackedErrors / count, 12);
    expect(attackedErrors).toBeGreaterThan(cleanErrors);
    expect(attackedErrors).toBeLessThan(count); // not saturated: the test can tell eps apart
  });

  it('targeted toward class 1 moves every z by +eps |w|_1: hit rate over the label-0 images', async () => {
    let eligible = 0;
    let hits = 0;
    for (let i = 0; i < count; i++) {
      if (images.labels[i] === 1) continue;
      eligible++;
      if (z(i) + eps * l1 > 0) hits++;
    }
    const r = await testSetAttack([binary], { mode: 'targeted', targetClass: 1 }, [eps], images, 0);
    expect(r.rows[0]?.targetHitRate).toBeCloseTo(hits / eligible, 12);
  });

  it('a constant model (zero weights) ignores every attack: error = labels not its class', async () => {
    // logits = b for every x; p = softmax(b); the gradient is 0, so FGSM leaves x as it is.
    const bias = Float32Array.of(2, 0, -1);
    const constant = linearClassifier('constant', new Float32Array(3 * DIM), bias);
    const run = seededRun(50, 3, 8);
    const notZero = run.labels.filter((l) => l !== 0).length / run.count;
    const p0 = Math.exp(2) / (Math.exp(2) + 1 + Math.exp(-1));
    for (const mode of ['fgsm', 'random-sign', 'uniform', 'pgd'] as const) {
      const r = await testSetAttack([constant], { mode }, [0.3], run, 1);
      expect(r.rows[0]?.cleanErrorRate).toBeCloseTo(notZero, 12);
      expect(r.rows[0]?.errorRate).toBeCloseTo(notZero, 12);
      expect(r.rows[0]?.meanConfidenceOnMistakes).toBeCloseTo(p0, 6);
    }
  });

  it('rows come per model, then per eps; the shape must match the models', async () => {
    const other = linearClassifier(
      'other',
      kernel.map((v) => -v),
      Float32Array.of(0, 0),
    );
    const r = await testSetAttack([binary, other], { mode: 'uniform' }, [0.1, 0.2], images, 4);
    expect(r.rows.map((row) => `${row.modelId}@${row.eps}`)).toEqual([
      'binary@0.1',
      'binary@0.2',
      'other@0.1',
      'other@0.2',
    ]);
    expect(SHAPE).toEqual(images.shape);
    await expect(
      testSetAttack([binary], { mode: 'fgsm' }, [0.1], { ...images, shape: [2, 8, 1] }, 0),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
  });
});

describe('testSetAttack with peers taking shares of each chunk', () => {
  /** a stand-in peer: the same model, from plain-data shares; counts what it was sent */
  function peers(ways: number, fail = false): PeerAttackShares & { shares: AttackShareSpec[] } {
    const remote = {
      ways,
      shares: [] as AttackShareSpec[],
      run: async (share: AttackShareSpec) => {
        remote.shares.push(share);
        if (fail) throw new Error('peer gone');
        return attackShare(binary, share);
      },
    };
    return remote;
  }

  const attacks: ExperimentAttack[] = [
    { mode: 'fgsm' },
    { mode: 'targeted', targetClass: 1 },
    { mode: 'random-sign' },
    { mode: 'uniform' },
  ];
  for (const attack of attacks) {
    it(`${attack.mode}: the same rows, bit for bit, with shares computed elsewhere`, async () => {
      const alone = await testSetAttack([binary], attack, [eps, 0.1], images, 9, { chunkSize: 64 });
      const remote = peers(3);
      const shared = await testSetAttack([binary], attack, [eps, 0.1], images, 9, {
        chunkSize: 64,
        peersFor: (id) => (id === binary.id ? remote : undefined),
      });
      expect(shared).toEqual(alone);
      // two of three shares of every full chunk went out (the last 8 images are too few to cut),
      // each with its own images and first index
      expect(remote.shares.length).toBe(2 * Math.floor(count / 64));
      expect(remote.shares[0]?.start).toBe(21);
      expect(remote.shares[0]?.images.count).toBe(22);
      expect(remote.shares[0]?.images.data.length).toBe(22 * DIM);
    });
  }

  it('a failed share is computed here; PGD is never cut (its random start is per batch)', async () => {
    const alone = await testSetAttack([binary], { mode: 'fgsm' }, [eps], images, 1, {
      chunkSize: 64,
    });
    const failing = peers(2, true);
    const shared = await testSetAttack([binary], { mode: 'fgsm' }, [eps], images, 1, {
      chunkSize: 64,
      peersFor: () => failing,
    });
    expect(failing.shares.length).toBeGreaterThan(0);
    expect(shared).toEqual(alone);
    const pgdPeers = peers(2);
    await testSetAttack([binary], { mode: 'pgd', steps: 2 }, [eps], images, 1, {
      chunkSize: 64,
      peersFor: () => pgdPeers,
    });
    expect(pgdPeers.shares).toEqual([]);
  });

  it('a share from a peer is checked like any experiment input', async () => {
    const bad = {
      modelId: binary.id,
      attack: { mode: 'fgsm' as const },
      eps: [eps],
      seed: 0,
      start: -1,
      images,
    };
    await expect(attackShare(binary, bad)).rejects.toThrow(/start/);
  });
});
