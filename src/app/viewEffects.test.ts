/** The views' effects on the engine: sweep, cross-sections, weights, probe images (viewEffects.ts). */
import { describe, expect, it } from 'vitest';
import { settle, setup } from './effectsHarness';

describe('view effects', () => {
  it('computes the sweep only while its tab is open, and not again for the same inputs', async () => {
    const { scripted, store, stop } = await setup();
    expect(scripted.sweeps).toHaveLength(0);
    store.getState().setActiveTab('sweep');
    await settle();
    expect(scripted.sweeps).toHaveLength(1);
    // MNIST: twice the paper eps, 201 points, the true label of image 0
    expect(scripted.sweeps[0]?.params).toMatchObject({ epsMax: 0.5, points: 201, trueLabel: 7 });
    expect(scripted.sweeps[0]?.channel).toBe('sweep');
    expect(store.getState().sweepOutcome?.index).toBe(0);
    store.getState().setActiveTab('image');
    store.getState().setActiveTab('sweep');
    await settle();
    expect(scripted.sweeps).toHaveLength(1);
    store.getState().setSweepRange(0.3, 51);
    await settle();
    expect(scripted.sweeps.at(-1)?.params).toMatchObject({ epsMax: 0.3, points: 51 });
    stop();
  });

  it('computes one cross-section per image, from the selected one on, keeping partials', async () => {
    const { scripted, store, stop } = await setup();
    store.getState().setCsPlanes('fgsm');
    store.getState().setCsCount(2);
    store.getState().selectIndex(2);
    store.getState().setActiveTab('cross-section');
    await settle();
    await settle();
    const maps = store.getState().csMaps;
    expect(maps.map((m) => m.imageIndex)).toEqual([2, 0]);
    expect(maps.map((m) => m.trueLabel)).toEqual([5, 7]);
    expect(maps.every((m) => m.result !== null && m.progress === 1)).toBe(true);
    expect(maps[0]?.partial?.resolution).toBe(2);
    expect(scripted.crossSections.map((c) => c.params.resolution)).toEqual([64, 64]);
    expect(scripted.crossSections[0]?.params).toMatchObject({ epsMax: 0.5, seed: 0 });
    store.getState().reseedCs();
    await settle();
    await settle();
    expect(scripted.crossSections.at(-1)?.params.seed).toBe(1);
    stop();
  });

  it('by default pairs each image’s FGSM map with its random map, computed pair by pair', async () => {
    const { scripted, store, stop } = await setup();
    expect(store.getState().csPlanes).toBe('both');
    store.getState().setCsCount(2);
    store.getState().selectIndex(2);
    store.getState().setActiveTab('cross-section');
    await settle();
    await settle();
    const maps = store.getState().csMaps;
    // a block per plane: map k of the FGSM block is the FGSM-only view's map k
    expect(maps.map((m) => [m.imageIndex, m.horizontal])).toEqual([
      [2, 'fgsm'],
      [0, 'fgsm'],
      [2, 'random'],
      [0, 'random'],
    ]);
    expect(maps.every((m) => m.result !== null)).toBe(true);
    // the first image's pair first; the same seed (random vertical direction) and axes for both
    const asked = scripted.crossSections.map((c) => c.params);
    expect(asked.map((p) => p.horizontal)).toEqual(['fgsm', 'random', 'fgsm', 'random']);
    expect(new Set(asked.map((p) => `${p.seed} ${p.epsMax} ${p.resolution}`)).size).toBe(1);
    expect(scripted.crossSections[0]?.image).toEqual(scripted.crossSections[1]?.image);
    stop();
  });

  it('maps estimated long wait for the go, with the estimate; shorter ones then start at once', async () => {
    const { scripted, store, stop } = await setup();
    // a big model on a CPU: 100 ms a cell, 200 ms for the directions
    scripted.mapCost = { cellMs: 100, directionMs: 200 };
    store.getState().setCsPlanes('fgsm');
    store.getState().setCsCount(2);
    store.getState().setActiveTab('cross-section');
    // at once, before the estimate is in: the maps show as computing, never as old results
    expect(store.getState().csMaps.map((m) => m.result)).toEqual([null, null]);
    await settle();
    await settle();
    expect(scripted.crossSections).toHaveLength(0);
    const job = store.getState().csLongJob;
    expect(job?.ms).toBe(2 * (200 + 4352 * 100));
    expect(job?.images).toBe(2);
    expect(job?.planes).toEqual(['fgsm']);
    expect(store.getState().csMaps).toEqual([]);
    store.getState().approveCsLongJob();
    await settle();
    await settle();
    expect(scripted.crossSections).toHaveLength(2);
    expect(store.getState().csLongJob).toBeNull();
    // another random direction costs the same: no second question; the finished maps are
    // computing again at once, so none can be clicked as if it were the new one
    store.getState().reseedCs();
    expect(store.getState().csMaps.map((m) => m.result)).toEqual([null, null]);
    await settle();
    await settle();
    expect(scripted.crossSections).toHaveLength(4);
    // four times the cells: asked again
    store.getState().setCsResolution(128);
    await settle();
    await settle();
    expect(scripted.crossSections).toHaveLength(4);
    expect(store.getState().csLongJob?.ms).toBeGreaterThan(job?.ms ?? Infinity);
    // a small map needs no go
    store.getState().setCsResolution(16);
    scripted.mapCost = { cellMs: 0.5, directionMs: 20 };
    await settle();
    await settle();
    expect(scripted.crossSections).toHaveLength(6);
    expect(store.getState().csLongJob).toBeNull();
    stop();
  });

  it('counts both maps of each pair in the estimate (the random one needs no gradient)', async () => {
    const { store, scripted, stop } = await setup();
    scripted.mapCost = { cellMs: 100, directionMs: 200 };
    store.getState().setCsCount(2);
    store.getState().setActiveTab('cross-section');
    await settle();
    await settle();
    const job = store.getState().csLongJob;
    expect(job?.planes).toEqual(['fgsm', 'random']);
    expect(job?.ms).toBe(2 * (200 + 4352 * 100) + 2 * 4352 * 100);
    stop();
  });

  it('reads first-layer weights once per model, loading a model to compare first', async () => {
    const { scripted, store, stop } = await setup();
    store.getState().setActiveTab('weights');
    await settle();
    expect(scripted.weightCalls).toEqual(['a']);
    store.getState().setWeightsCompareId('b');
    await settle();
    await settle();
    expect(scripted.loads).toEqual(['a', 'b']);
    expect(scripted.weightCalls).toEqual(['a', 'b']);
    expect(Object.keys(store.getState().weightsByModel)).toEqual(['a', 'b']);
    stop();
  });

  it('attacks a probe image (a cross-section cell) instead of the test image', async () => {
    const { scripted, store, stop } = await setup();
    const image = {
      data: new Float32Array([0.5, 0.5, 0.5, 0.5]),
      height: 2,
      width: 2,
      channels: 1,
    };
    store.getState().setProbeImage({
      modelId: 'a',
      baseIndex: 0,
      trueLabel: 7,
      image,
      description: 'test',
      linf: 0,
    });
    expect(scripted.lastAttack().image).toBe(image);
    expect(scripted.lastAttack().params.trueLabel).toBe(7);
    store.getState().stepIndex(1);
    expect(store.getState().probeImage).toBeNull();
    expect(Array.from(scripted.lastAttack().image.data)).toEqual(
      [4, 5, 6, 7].map((b) => Math.fround(b / 255)),
    );
    stop();
  });
});
