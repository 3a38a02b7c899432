import { describe, expect, it } from 'vitest';
import type { AttackParams, AttackResult, TimedResult } from '../engine/api';
import type { EngineClient } from '../engine/clientApi';
import type { ModelManifest } from '../models/manifest';
import type { Dataset } from '../shared/dataset';
import { createAppStore } from '../state/store';
import { startCompareEffects } from './compareEffects';

function manifest(id: string): ModelManifest {
  return {
    id,
    title: id,
    dataset: 'mnist',
    classNames: Array.from({ length: 10 }, (_, i) => `${i}`),
    inputShape: [2, 2, 1],
    modelInputShape: [4],
    preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
    output: 'logits',
    format: 'layers',
    url: `${id}/model.json`,
    architecture: 'test',
  };
}

const dataset: Dataset = {
  id: 'mnist',
  split: 'test',
  count: 2,
  height: 2,
  width: 2,
  channels: 1,
  pixels: Uint8Array.from({ length: 8 }, (_, i) => i * 30),
  labels: Uint8Array.from([7, 2]),
  classNames: Array.from({ length: 10 }, (_, i) => `${i}`),
};

function result(eps: number, predictedClass: number): TimedResult<AttackResult> {
  const p = {
    logits: new Float32Array(10),
    probabilities: new Float32Array(10),
    predictedClass,
    confidence: 0.5,
  };
  return {
    result: {
      adversarial: { data: new Float32Array(4), height: 2, width: 2, channels: 1 },
      perturbation: new Float32Array(4).fill(eps),
      clean: p,
      attacked: p,
      lossLabel: 7,
      linfNorm: eps,
    },
    ms: 1,
    backend: 'cpu',
  };
}

interface Call {
  modelId: string;
  params: AttackParams;
  channel?: string;
  resolve(r: TimedResult<AttackResult>): void;
}

function setup() {
  const calls: Call[] = [];
  const loads: string[] = [];
  const client = {
    loadModel: async (m: ModelManifest) => {
      loads.push(m.id);
      return { id: m.id, numClasses: 10, inputShape: [2, 2, 1], parameterCount: 1, notes: [] };
    },
    attack: (
      modelId: string,
      _image: unknown,
      params: AttackParams,
      options?: { channel?: string },
    ) =>
      new Promise<TimedResult<AttackResult>>((resolve) =>
        calls.push({ modelId, params, channel: options?.channel, resolve }),
      ),
  } as unknown as EngineClient;
  const store = createAppStore({
    modelList: { status: 'ready', models: [manifest('m'), manifest('m-adv'), manifest('other')] },
    selectedModelId: 'm',
    loadedModel: {
      id: 'm',
      numClasses: 10,
      inputShape: [2, 2, 1],
      parameterCount: 1,
      notes: [],
      output: 'logits',
    },
    engineStatus: { kind: 'ready', backend: { active: 'cpu' } as never },
    testSets: { mnist: { status: 'ready', dataset } },
  });
  const stop = startCompareEffects(store, client, 'http://x/models/');
  return { calls, loads, store, stop };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('startCompareEffects', () => {
  it('asks nothing while another tab is open', async () => {
    const { calls, stop } = setup();
    await settle();
    expect(calls).toEqual([]);
    stop();
  });

  it('attacks the same image with FGSM, ±eps signs and uniform noise on models A and B', async () => {
    const { calls, loads, store, stop } = setup();
    store.getState().setActiveTab('compare');
    await settle();
    // model B is m's adversarially trained twin, loaded before it is attacked
    expect(loads).toEqual(['m-adv']);
    expect(calls.map((c) => `${c.modelId} ${c.params.mode} ${c.channel}`).sort()).toEqual([
      'm fgsm compare:a:fgsm',
      'm random-sign compare:a:random-sign',
      'm uniform compare:a:uniform',
      'm-adv fgsm compare:b:fgsm',
      'm-adv random-sign compare:b:random-sign',
      'm-adv uniform compare:b:uniform',
    ]);
    for (const c of calls) expect(c.params).toMatchObject({ eps: 0.25, trueLabel: 7, seed: 0 });
    calls.forEach((c, i) => c.resolve(result(0.25, i)));
    await settle();
    const cells = store.getState().compareCells;
    expect(cells['b:uniform']).toMatchObject({ modelId: 'm-adv', pending: false, eps: 0.25 });
    expect(cells['a:fgsm']?.result?.linfNorm).toBe(0.25);
    stop();
  });

  it('keeps the shown results, marked pending, until a new eps is answered', async () => {
    const { calls, store, stop } = setup();
    store.getState().setCompareModelId('other');
    store.getState().setActiveTab('compare');
    await settle();
    calls.splice(0).forEach((c) => c.resolve(result(0.25, 1)));
    await settle();
    store.getState().setEps(0.1);
    await settle();
    const pending = store.getState().compareCells['b:fgsm'];
    expect(pending).toMatchObject({ modelId: 'other', pending: true, eps: 0.25 });
    expect(pending?.result?.linfNorm).toBe(0.25);
    expect(calls.every((c) => c.params.eps === 0.1)).toBe(true);
    calls.splice(0).forEach((c) => c.resolve(result(0.1, 2)));
    await settle();
    expect(store.getState().compareCells['b:fgsm']).toMatchObject({ pending: false, eps: 0.1 });
    stop();
  });
});
