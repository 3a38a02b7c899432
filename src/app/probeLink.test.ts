import { describe, expect, it } from 'vitest';
import type { CrossSectionParams } from '../engine/api';
import type { EngineClient } from '../engine/clientApi';
import type { ModelManifest } from '../models/manifest';
import type { Dataset } from '../shared/dataset';
import { applyShareable, shareableFromState } from '../state/url/storeState';
import { createAppStore } from '../state/store';
import { startProbeLink } from './probeLink';

const manifest = {
  id: 'm',
  title: 'm',
  dataset: 'mnist',
  classNames: Array.from({ length: 10 }, (_, i) => `${i}`),
  inputShape: [1, 2, 1],
} as unknown as ModelManifest;

const dataset: Dataset = {
  id: 'mnist',
  split: 'test',
  count: 2,
  height: 1,
  width: 2,
  channels: 1,
  pixels: Uint8Array.from([0, 255, 51, 102]),
  labels: Uint8Array.from([7, 2]),
  classNames: Array.from({ length: 10 }, (_, i) => `${i}`),
};

describe('a link to a cross-section point', () => {
  it('becomes the probe image x + h·FGSM + v·random once the model is ready', async () => {
    const calls: CrossSectionParams[] = [];
    const client = {
      crossSection: async (_m: string, _image: unknown, params: CrossSectionParams) => {
        calls.push(params);
        return {
          result: {
            resolution: 2,
            epsMax: params.epsMax,
            predictedClass: new Int32Array(4),
            confidence: new Float32Array(4),
            horizontal: Float32Array.from([1, -1]),
            vertical: Float32Array.from([1, 1]),
          },
          ms: 1,
          backend: 'cpu',
        };
      },
    } as unknown as EngineClient;
    const store = createAppStore({
      modelList: { status: 'ready', models: [manifest] },
      selectedModelId: 'm',
      testSets: { mnist: { status: 'ready', dataset } },
      engineStatus: { kind: 'starting' },
    });
    applyShareable(store, { image: 1, cell: [0.1, -0.05], mapSeed: 4 });
    const stop = startProbeLink(store, client);
    expect(calls).toEqual([]);
    // the engine and model become ready
    store.setState({
      engineStatus: { kind: 'ready', backend: {} as never },
      loadedModel: { id: 'm' } as never,
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(calls[0]).toMatchObject({ resolution: 2, seed: 4, trueLabel: 2 });
    const probe = store.getState().probeImage;
    expect(probe?.cell).toEqual([0.1, -0.05]);
    expect(probe?.baseIndex).toBe(1);
    // image 1 is [0.2, 0.4]: 0.2 + 0.1 - 0.05 and 0.4 - 0.1 - 0.05
    expect(probe?.image.data[0]).toBeCloseTo(0.25, 6);
    expect(probe?.image.data[1]).toBeCloseTo(0.25, 6);
    expect(store.getState().csPendingCell).toBeNull();
    stop();
  });

  it.each([
    ['mapDir=random', { mapDir: 'random' }],
    ['a random-map point beside its FGSM map (cellDir=random)', { cellDir: 'random' }],
  ] as const)(
    'with %s, asks for the random plane and describes the point along it',
    async (_, link) => {
      const calls: CrossSectionParams[] = [];
      const client = {
        crossSection: async (_m: string, _image: unknown, params: CrossSectionParams) => {
          calls.push(params);
          return {
            result: {
              resolution: 2,
              epsMax: params.epsMax,
              predictedClass: new Int32Array(4),
              confidence: new Float32Array(4),
              horizontal: Float32Array.from([1, -1]),
              vertical: Float32Array.from([1, 1]),
            },
            ms: 1,
            backend: 'cpu',
          };
        },
      } as unknown as EngineClient;
      const store = createAppStore({
        modelList: { status: 'ready', models: [manifest] },
        selectedModelId: 'm',
        testSets: { mnist: { status: 'ready', dataset } },
        engineStatus: { kind: 'starting' },
      });
      applyShareable(store, { image: 1, cell: [0.1, -0.05], mapSeed: 4, ...link });
      const stop = startProbeLink(store, client);
      expect(calls).toEqual([]);
      // the engine and model become ready
      store.setState({
        engineStatus: { kind: 'ready', backend: {} as never },
        loadedModel: { id: 'm' } as never,
      });
      await new Promise((r) => setTimeout(r, 0));
      expect(calls[0]).toMatchObject({ resolution: 2, seed: 4, horizontal: 'random' });
      const probe = store.getState().probeImage;
      expect(probe?.horizontal).toBe('random');
      expect(probe?.description).toMatch(/random-sign direction/);
      // the link written back keeps the point and its plane
      expect(shareableFromState(store.getState())).toMatchObject({ cell: [0.1, -0.05], ...link });
      stop();
    },
  );
});
