import { describe, expect, it } from 'vitest';
import type { BackendInfo, LoadedModelInfo } from '../api';
import type { EngineApi } from '../operations';
import type { ModelManifest } from '../../models/manifest';
import { OWN_MODEL_ID_PREFIX } from '../../models/ownModelManifest';
import { SharedEngineState } from './sharedConnection';

const manifest = (id: string, url = `${id}/model.json`): ModelManifest =>
  ({ id, url, classNames: ['a', 'b'], inputShape: [2, 2, 1] }) as ModelManifest;

/** An engine that logs its calls; its long calls run until cancelled. */
function fakeEngine(log: string[]): EngineApi {
  const info: BackendInfo = {
    active: 'wasm',
    adapter: 'x',
    software: false,
    chosenBy: 'measured',
    candidates: [],
    choiceMs: 1,
  };
  const loaded = (id: string): LoadedModelInfo => ({
    id,
    numClasses: 2,
    inputShape: [2, 2, 1],
    parameterCount: 0,
    notes: [],
    output: 'logits',
  });
  const cancelled = new Set<number>();
  const engine: Partial<EngineApi> = {
    init: async (o) => (log.push(`init:${o.backend ?? 'auto'}`), info),
    loadModel: async (m) => (log.push(`load:${m.id}:${m.url}`), loaded(m.id)),
    unloadModel: async (id) => void log.push(`unload:${id}`),
    cancel: async (id) => {
      log.push(`cancel:${id}`);
      cancelled.add(id);
    },
    runExperiment: async (_spec, requestId) => {
      log.push(`run:${requestId}`);
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (cancelled.has(requestId)) throw new Error(`stopped ${requestId}`);
      }
    },
    memory: async () => ({ numTensors: 1, numBytes: 4 }),
  };
  return engine as EngineApi;
}

const spec = {} as Parameters<EngineApi['runExperiment']>[0];

describe('SharedEngineState', () => {
  it('starts the backend once and says the engine is shared', async () => {
    const log: string[] = [];
    const shared = new SharedEngineState(fakeEngine(log), 'e1');
    const [a, b] = [shared.connect().api, shared.connect().api];
    const infos = await Promise.all([a.init({ backend: 'wasm' }), b.init({ backend: 'wasm' })]);
    expect(log).toEqual(['init:wasm']);
    expect(infos.map((i) => i.sharedEngine)).toEqual(['e1', 'e1']);
  });

  it('loads a zoo model once and frees it when the last connection lets it go', async () => {
    const log: string[] = [];
    const shared = new SharedEngineState(fakeEngine(log), 'e1');
    const [a, b] = [shared.connect().api, shared.connect().api];
    await a.loadModel(manifest('m'), 'http://x/models/');
    await b.loadModel(manifest('m'), 'http://x/models/');
    expect(log).toEqual(['load:m:m/model.json']);
    await a.unloadModel('m');
    await a.unloadModel('m'); // a second goodbye does not count for b
    expect(log).toEqual(['load:m:m/model.json']);
    await b.unloadModel('m');
    expect(log).toEqual(['load:m:m/model.json', 'unload:m']);
  });

  it('lets no connection replace a model another one holds', async () => {
    const log: string[] = [];
    const shared = new SharedEngineState(fakeEngine(log), 'e1');
    const [a, b] = [shared.connect().api, shared.connect().api];
    await a.loadModel(manifest('m'), 'http://x/models/');
    await expect(b.loadModel(manifest('m'), 'http://evil/models/')).rejects.toThrow(
      /in use by another explorer/,
    );
    await expect(b.loadModel(manifest('m', 'other.json'), 'http://x/models/')).rejects.toThrow(
      /in use by another explorer/,
    );
    expect(log).toEqual(['load:m:m/model.json']);
    // alone with it, a connection may load other files under the id
    await a.loadModel(manifest('m', 'other.json'), 'http://x/models/');
    expect(log).toEqual(['load:m:m/model.json', 'load:m:other.json']);
  });

  it("gives long calls engine-wide ids, so one connection cannot cancel another's", async () => {
    const log: string[] = [];
    const shared = new SharedEngineState(fakeEngine(log), 'e1');
    const [a, b] = [shared.connect().api, shared.connect().api];
    const runA = a.runExperiment(spec, 5);
    const runB = b.runExperiment(spec, 5);
    await b.cancel(5);
    await expect(runB).rejects.toThrow(/stopped 2/);
    await b.cancel(5); // again, and an id b never used: a's call goes on
    await b.cancel(6);
    expect(log).toEqual(['run:1', 'run:2', 'cancel:2']);
    await a.cancel(5);
    await expect(runA).rejects.toThrow(/stopped 1/);
  });

  it('a closed connection stops its own calls, lets its models go and refuses more', async () => {
    const log: string[] = [];
    const shared = new SharedEngineState(fakeEngine(log), 'e1');
    const a = shared.connect();
    const b = shared.connect();
    await a.api.loadModel(manifest('m'), 'u/');
    await a.api.loadModel(manifest('n'), 'u/');
    await b.api.loadModel(manifest('m'), 'u/');
    const runA = a.api.runExperiment(spec, 1);
    const runB = b.api.runExperiment(spec, 1);
    a.close();
    await expect(runA).rejects.toThrow(/stopped 1/);
    await expect(a.api.memory()).rejects.toThrow(/connection closed/);
    expect(shared.holdersOf('m')).toBe(1);
    expect(shared.holdersOf('n')).toBe(0);
    expect(log).toContain('unload:n');
    expect(log).not.toContain('unload:m');
    expect(log).not.toContain('cancel:2');
    b.close();
    await expect(runB).rejects.toThrow(/stopped 2/);
  });

  it('refuses models the user brings, training and the peers’ operations', async () => {
    const api = new SharedEngineState(fakeEngine([]), 'e1').connect().api;
    await expect(api.loadModel(manifest(`${OWN_MODEL_ID_PREFIX}1`), 'blob:x')).rejects.toThrow(
      /full explorer/,
    );
    await expect(api.controlTraining(1, 'pause')).rejects.toThrow(/Training lab/);
    await expect(
      api.experimentShare({} as Parameters<EngineApi['experimentShare']>[0]),
    ).rejects.toThrow(/peer shares/);
  });
});
