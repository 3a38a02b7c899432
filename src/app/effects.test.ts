/** The app's effects on the engine: start, model choice and loading, the attack (effects.ts). */
import { describe, expect, it } from 'vitest';
import { EngineCallError } from '../engine/clientApi';
import type { Dataset } from '../shared/dataset';
import type { TestSetLoadOptions } from './data/testSet';
import { dataset, result, settle, setup } from './effectsHarness';

describe('startAppEffects', () => {
  it('starts the engine, picks the first model, loads it and its test set, then attacks', async () => {
    const { scripted, store, stop } = await setup();
    expect(scripted.inits).toEqual(['auto']);
    expect(store.getState().selectedModelId).toBe('a');
    expect(scripted.loads).toEqual(['a']);
    const call = scripted.lastAttack();
    expect(call.channel).toBe('attack');
    expect(call.modelId).toBe('a');
    // image 0 is bytes 0..3 over 255; its true label is 7; eps is the MNIST default
    expect(Array.from(call.image.data)).toEqual([0, 1, 2, 3].map((b) => Math.fround(b / 255)));
    expect(call.params).toMatchObject({ mode: 'fgsm', eps: 0.25, trueLabel: 7, clip: [0, 1] });
    call.reply.resolve(result(0.25));
    await settle();
    expect(store.getState().attackOutcome?.result.linfNorm).toBe(0.25);
    expect(store.getState().lastOpMs).toBe(12.5);
    expect(store.getState().engineStatus.kind).toBe('ready');
    stop();
  });

  it('attacks the shown image from the first images, before the rest of the set is in', async () => {
    let finish: (d: Dataset) => void = () => undefined;
    let asked: TestSetLoadOptions | undefined;
    const first: Dataset = { ...dataset, count: 1, pixels: dataset.pixels.slice(0, 4) };
    const { scripted, store, stop } = await setup(undefined, {
      loadTestSet: (_id, _base, options) => {
        asked = options;
        options?.onFirst?.(first);
        return new Promise((resolve) => (finish = resolve));
      },
    });
    expect(asked?.firstCount).toBe(1); // image 0 is shown
    expect(store.getState().testSets.mnist?.status).toBe('partial');
    expect(scripted.attacks.length).toBe(1);
    expect(scripted.lastAttack().params).toMatchObject({ trueLabel: 7 });
    scripted.lastAttack().reply.resolve(result(0.25));
    await settle();
    expect(store.getState().attackOutcome).not.toBeNull();
    finish(dataset);
    await settle();
    expect(store.getState().testSets.mnist?.status).toBe('ready');
    expect(scripted.attacks.length).toBe(1); // the same image: not attacked again
    store.getState().selectIndex(2);
    expect(scripted.lastAttack().params.trueLabel).toBe(5);
    stop();
  });

  it('asks again when eps, image or mode change, with the new values', async () => {
    const { scripted, store, stop } = await setup();
    const before = scripted.attacks.length;
    store.getState().setEps(0.1);
    expect(scripted.lastAttack().params.eps).toBe(0.1);
    store.getState().selectIndex(2);
    expect(scripted.lastAttack().params.trueLabel).toBe(5);
    store.getState().setAttackMode('targeted');
    store.getState().setTargetClass(4);
    expect(scripted.lastAttack().params).toMatchObject({ mode: 'targeted', targetClass: 4 });
    store.getState().setAttackMode('pgd');
    expect(scripted.lastAttack().params).toMatchObject({ mode: 'pgd', steps: 10 });
    expect(scripted.lastAttack().params.stepSize).toBeUndefined();
    expect(scripted.attacks.length).toBe(before + 5);
    // an unrelated change asks nothing
    store.getState().setActiveTab('weights');
    expect(scripted.attacks.length).toBe(before + 5);
    stop();
  });

  it('ignores superseded calls and shows other failures, keeping the previous result', async () => {
    const { scripted, store, stop } = await setup();
    scripted.lastAttack().reply.resolve(result(0.25));
    await settle();
    store.getState().setEps(0.2);
    scripted.lastAttack().reply.reject(new EngineCallError('cancelled', 'superseded'));
    await settle();
    expect(store.getState().errors).toEqual([]);
    store.getState().setEps(0.3);
    scripted.lastAttack().reply.reject(new EngineCallError('invalid-argument', 'eps too big'));
    await settle();
    expect(store.getState().errors.map((e) => e.message)).toEqual([
      'The attack failed: eps too big',
    ]);
    expect(store.getState().attackOutcome?.eps).toBe(0.25);
    stop();
  });

  it('falls back to the previous model when a new one fails to load', async () => {
    const { scripted, store, stop } = await setup();
    scripted.failingModels.add('b');
    store.getState().selectModel('b');
    await settle();
    await settle();
    expect(store.getState().errors.at(-1)?.message).toMatch(/Model b.*weights missing/);
    expect(store.getState().selectedModelId).toBe('a');
    expect(store.getState().loadedModel?.id).toBe('a');
    stop();
  });

  it('restarts the engine with a new backend preference and reloads the model', async () => {
    const { scripted, store, stop } = await setup();
    store.getState().setBackendPreference('wasm');
    await settle();
    await settle();
    expect(scripted.inits).toEqual(['auto', 'wasm']);
    expect(scripted.loads).toEqual(['a', 'a']);
    const status = store.getState().engineStatus;
    expect(status.kind === 'ready' && status.backend.active).toBe('wasm');
    stop();
  });

  it('explains a missing or empty model index', async () => {
    const missing = await setup(new Error('models/index.json: not found'));
    expect(missing.store.getState().modelList).toEqual({
      status: 'error',
      message: 'models/index.json: not found',
    });
    missing.stop();
    const empty = await setup({ version: 1, models: [] });
    expect(empty.store.getState().modelList.status).toBe('error');
    expect(empty.scripted.attacks).toHaveLength(0);
    empty.stop();
  });

  it('stops writing to the store once stopped', async () => {
    const { scripted, store, stop } = await setup();
    stop();
    scripted.lastAttack().reply.resolve(result(0.25));
    await settle();
    expect(store.getState().attackOutcome).toBeNull();
  });
});
