/**
 * A first model load is sent to the worker at once, not after its backend is ready, so the
 * model's files download while the backend starts (issue 19); after a restart, loads wait for
 * the reloads (an ensemble needs its members first).
 */
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendInfo, LoadedModelInfo } from './api';
import type { ModelManifest } from '../models/manifest';
import { createEngineClient, type EngineBridge } from './client';
import { InProcessWorker } from './worker/inProcessWorker';

const manifest = (id: string): ModelManifest => ({
  id,
  title: id,
  dataset: 'mnist',
  classNames: ['a', 'b'],
  inputShape: [2, 2, 1],
  modelInputShape: [4],
  preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
  output: 'logits',
  format: 'layers',
  url: `${id}/model.json`,
  architecture: 'test',
});

/** An engine whose init waits for `openInit`; it logs what reaches it, in order. */
function gatedEngine(log: string[]) {
  let openInit!: () => void;
  const initGate = new Promise<void>((resolve) => {
    openInit = resolve;
  });
  const engine = {
    async init(): Promise<BackendInfo> {
      log.push('init');
      await initGate;
      log.push('init done');
      const info: BackendInfo = {
        active: 'wasm',
        adapter: 'test',
        software: false,
        chosenBy: 'measured',
        candidates: [],
        choiceMs: 1,
      };
      return info;
    },
    async loadModel(m: ModelManifest): Promise<LoadedModelInfo> {
      log.push(`loadModel:${m.id}`);
      return {
        id: m.id,
        numClasses: 2,
        inputShape: m.inputShape,
        parameterCount: 0,
        notes: [],
        output: m.output,
      };
    },
  };
  return { engine, openInit };
}

let client: EngineBridge | null = null;
afterEach(() => client?.dispose());

describe('first model load', () => {
  it('reaches the worker before its backend is ready', async () => {
    const log: string[] = [];
    const { engine, openInit } = gatedEngine(log);
    client = createEngineClient({
      liveness: false,
      workerFactory: () => new InProcessWorker((port) => expose(engine, port)).asWorker(),
    });
    const ready = client.init('auto');
    const loaded = client.loadModel(manifest('m1'), 'http://x/models/');
    await expect.poll(() => log).toContain('loadModel:m1');
    expect(log).not.toContain('init done');
    openInit();
    await ready;
    await expect(loaded).resolves.toMatchObject({ id: 'm1' });
  });

  it('waits for the reloads after a restart', async () => {
    const log: string[] = [];
    const gates: (() => void)[] = [];
    client = createEngineClient({
      liveness: false,
      workerFactory: () =>
        new InProcessWorker((port) => {
          const { engine, openInit } = gatedEngine(log);
          gates.push(openInit);
          expose(engine, port);
        }).asWorker(),
    });
    const first = client.init('auto');
    gates[0]?.();
    await first;
    await client.loadModel(manifest('m1'), 'http://x/models/');
    log.length = 0;
    const restarted = client.restart('test');
    const second = client.loadModel(manifest('m2'), 'http://x/models/');
    await expect.poll(() => log).toContain('init');
    expect(log).not.toContain('loadModel:m2');
    gates[1]?.();
    await restarted;
    await second;
    expect(log).toEqual(['init', 'init done', 'loadModel:m1', 'loadModel:m2']);
  });
});
