/**
 * The work the engine announces (heartbeat.ts): every computing call announces its longest
 * synchronous stretch while it runs and ends the announcement when it is done, failed or not;
 * the estimates come from the model's measured cost and cover the real calls.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierFromLayersModel } from '../core';
import { mlpModel, seededImage, testManifest, useCpuBackend } from '../core/testFixtures';
import { createEngine } from './engine';
import type { WorkSignal } from './heartbeat';
import { INIT_MS, LOAD_MS, measureCost, sweepMs, type ModelCost } from './workEstimate';

const SHAPE: [number, number, number] = [8, 8, 1];
const manifest = testManifest(SHAPE, 4);
const image = seededImage(SHAPE, 5);

/** Records announcements; `open` is how many have not ended. */
function recorder(): WorkSignal & { announced: number[]; open: number } {
  const record = {
    announced: [] as number[],
    open: 0,
    begin(ms: number) {
      record.announced.push(ms);
      record.open++;
      return () => {
        record.open--;
      };
    },
  };
  return record;
}

beforeAll(useCpuBackend);

describe('measureCost', () => {
  it('measures a gradient and a per-image forward time', async () => {
    const cost = await measureCost(classifierFromLayersModel(mlpModel(64, 32, 4, 1), manifest));
    expect(cost.gradMs).toBeGreaterThan(0);
    expect(cost.forwardMs).toBeGreaterThan(0);
  });

  it('errs long: a 2,001-point sweep takes less than its estimate', async () => {
    const c = classifierFromLayersModel(mlpModel(64, 256, 4, 2), manifest);
    const cost: ModelCost = await measureCost(c);
    const engine = createEngine({ loadLayersModel: async () => mlpModel(64, 256, 4, 2) });
    await engine.init({ backend: 'cpu' });
    await engine.loadModel(manifest, 'http://models.test/');
    const params = { epsMax: 0.3, points: 2001, labelSource: 'predicted' as const };
    const start = performance.now();
    await engine.sweep(manifest.id, image, params);
    expect(performance.now() - start).toBeLessThan(sweepMs(cost, params));
  });
});

describe('the engine announces its work', () => {
  it('for init, loads and every computing call, and ends each announcement', async () => {
    const work = recorder();
    const engine = createEngine({ work, loadLayersModel: async () => mlpModel(64, 16, 4, 3) });
    await engine.init({ backend: 'cpu' });
    await engine.loadModel(manifest, 'http://models.test/');
    expect(work.announced).toEqual([INIT_MS, LOAD_MS]);
    await engine.attack(manifest.id, image, { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' });
    await engine.attack(manifest.id, image, {
      mode: 'pgd',
      eps: 0.1,
      steps: 40,
      labelSource: 'predicted',
    });
    const [fgsm, pgd] = work.announced.slice(2);
    expect(fgsm).toBeGreaterThan(0);
    // 40 gradient steps against one
    expect(pgd).toBeGreaterThan(20 * (fgsm as number));
    await engine.crossSection(
      manifest.id,
      image,
      { epsMax: 0.2, resolution: 16, labelSource: 'predicted' },
      1,
    );
    await engine.predict(manifest.id, [image, image]);
    await engine.sweep(manifest.id, image, { epsMax: 0.2, labelSource: 'predicted' });
    await expect(
      engine.attack('nope', image, { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' }),
    ).rejects.toThrow(/not loaded/);
    expect(work.announced).toHaveLength(8);
    expect(work.announced.at(-1)).toBe(0);
    expect(work.open).toBe(0);
    await engine.memory();
    expect(work.announced).toHaveLength(8);
  });
});
