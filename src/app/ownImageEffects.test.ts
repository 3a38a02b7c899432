import { describe, expect, it } from 'vitest';
import type { AttackResult, ImageData01, Prediction, TimedResult } from '../engine/api';
import type { EngineClient } from '../engine/clientApi';
import { createAppStore } from '../state/store';
import type { AttackOutcome } from '../state/types';
import { startOwnImageEffects } from './ownImageEffects';

function prediction(predictedClass: number): Prediction {
  const probabilities = Float32Array.from({ length: 3 }, (_, i) => (i === predictedClass ? 1 : 0));
  return { logits: probabilities, probabilities, predictedClass, confidence: 1 };
}

function outcome(adversarial: ImageData01, lossLabel: number): AttackOutcome {
  const result: AttackResult = {
    adversarial,
    perturbation: new Float32Array(adversarial.data.length),
    clean: prediction(lossLabel),
    attacked: prediction((lossLabel + 1) % 3),
    lossLabel,
    linfNorm: 0.1,
  };
  return { modelId: 'm', index: 0, probe: null, eps: 0.1, result, ms: 1, backend: 'cpu' };
}

/** A client that answers predict with `answer` and records the images it was given. */
function fakeClient(answer: number) {
  const seen: ImageData01[][] = [];
  const client = {
    predict: (_id: string, images: ImageData01[]): Promise<TimedResult<Prediction[]>> => {
      seen.push(images);
      return Promise.resolve({ result: [prediction(answer)], ms: 1, backend: 'cpu' });
    },
  } as unknown as EngineClient;
  return { client, seen };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the 8-bit check behind Save PNG', () => {
  const adversarial = {
    data: Float32Array.from([0.0019, 0.5, 0.999]),
    height: 1,
    width: 3,
    channels: 1,
  };

  it('classifies the image rounded to k/255, not the float one, and reports it still fools', async () => {
    const store = createAppStore();
    const { client, seen } = fakeClient(2);
    const stop = startOwnImageEffects(store, client);
    const o = outcome(adversarial, 0);
    store.getState().setQuantisedCheck({ status: 'checking', outcome: o });
    await flush();
    expect(
      Array.from(seen[0]?.[0]?.data ?? []).map((v) => Math.round(v * 255 * 1e4) / 1e4),
    ).toEqual([0, 128, 255]);
    const check = store.getState().quantisedCheck;
    expect(check).toMatchObject({ status: 'done', fools: true });
    stop();
  });

  it('says the rounding undid an untargeted attack when the class is the loss label again', async () => {
    const store = createAppStore();
    const stop = startOwnImageEffects(store, fakeClient(0).client);
    store.getState().setQuantisedCheck({ status: 'checking', outcome: outcome(adversarial, 0) });
    await flush();
    expect(store.getState().quantisedCheck).toMatchObject({ status: 'done', fools: false });
    stop();
  });

  it('a targeted attack fools only when the target (its loss label) is predicted', async () => {
    const store = createAppStore({ attackMode: 'targeted' });
    const stop = startOwnImageEffects(store, fakeClient(1).client);
    store.getState().setQuantisedCheck({ status: 'checking', outcome: outcome(adversarial, 1) });
    await flush();
    expect(store.getState().quantisedCheck).toMatchObject({ status: 'done', fools: true });
    stop();
  });
});
