/**
 * The shared engine seen from clients (issue 19): sharedFirst's choice between the page's
 * shared engine and a worker of the client's own, with the shared engine served in-process
 * (worker/sharedPorts.ts over a MessageChannel) and a fake engine behind it.
 */
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendInfo, LoadedModelInfo } from './api';
import type { ModelManifest } from '../models/manifest';
import { createEngineClient, type EngineBridge } from './client';
import type { EngineApi } from './operations';
import { sharedFirst, type SharedWorkerHost } from './sharedWorker';
import { InProcessWorker } from './worker/inProcessWorker';
import { SharedEngineState } from './worker/sharedConnection';
import { SharedPorts } from './worker/sharedPorts';

const info: BackendInfo = {
  active: 'wasm',
  adapter: 'test',
  software: false,
  chosenBy: 'override',
  candidates: [],
  choiceMs: 1,
};

/** An engine that counts its starts and runs experiments until they are cancelled. */
function fakeEngine(log: string[]): EngineApi {
  const cancelled = new Set<number>();
  const engine: Partial<EngineApi> = {
    init: async () => (log.push('init'), info),
    loadModel: async (m): Promise<LoadedModelInfo> => {
      log.push(`load:${m.id}`);
      return {
        id: m.id,
        numClasses: 2,
        inputShape: [2, 1, 1],
        parameterCount: 0,
        notes: [],
        output: 'logits',
      };
    },
    unloadModel: async (id) => void log.push(`unload:${id}`),
    cancel: async (id) => void cancelled.add(id),
    runExperiment: async (_spec, requestId) => {
      for (let i = 0; i < 20; i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (cancelled.has(requestId)) throw new Error('stopped');
      }
      return { result: { kind: 'done' }, ms: 1, backend: 'wasm' } as unknown as Awaited<
        ReturnType<EngineApi['runExperiment']>
      >;
    },
  };
  return engine as EngineApi;
}

/** A page whose SharedWorker connects to one in-process shared engine. */
function pageWithSharedEngine(log: string[], storage = true) {
  const ports = new SharedPorts();
  const state = new SharedEngineState(fakeEngine(log), 'shared-1');
  let connects = 0;
  const host: SharedWorkerHost = {
    hasSharedWorker: () => true,
    connect: () => {
      connects++;
      const { port1, port2 } = new MessageChannel();
      ports.accept(port2, state);
      return Object.assign(new EventTarget(), { port: port1 }) as unknown as SharedWorker;
    },
    get localStorage(): Storage {
      if (!storage) throw new DOMException('Access is denied for this document.', 'SecurityError');
      return {} as Storage;
    },
  };
  return { host, ports, connects: () => connects };
}

const manifest = { id: 'm', url: 'm.json' } as ModelManifest;
const clients: EngineBridge[] = [];

function client(host: SharedWorkerHost, log: string[]): EngineBridge {
  const dedicated = (): Worker => {
    log.push('dedicated');
    return new InProcessWorker((port) => expose(fakeEngine(log), port)).asWorker();
  };
  const made = createEngineClient({
    baseUrl: 'http://x/',
    liveness: false,
    workerFactory: sharedFirst(dedicated, host),
  });
  clients.push(made);
  return made;
}

afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

describe('sharedFirst', () => {
  it('gives the clients of a page one engine: one start, one model load', async () => {
    const log: string[] = [];
    const page = pageWithSharedEngine(log);
    const [a, b] = [client(page.host, log), client(page.host, log)];
    const [infoA, infoB] = await Promise.all([a.init('wasm'), b.init('wasm')]);
    expect(infoA.sharedEngine).toBe('shared-1');
    expect(infoB.sharedEngine).toBe('shared-1');
    await a.loadModel(manifest, 'models/');
    await b.loadModel(manifest, 'models/');
    expect(log).toEqual(['init', 'load:m']);
    expect(page.ports.size).toBe(2);
  });

  it("moves a restarted client to a worker of its own without stopping the others' calls", async () => {
    const log: string[] = [];
    const page = pageWithSharedEngine(log);
    const [a, b] = [client(page.host, log), client(page.host, log)];
    await Promise.all([a.init('wasm'), b.init('wasm')]);
    const running = b.runExperiment({} as Parameters<EngineApi['runExperiment']>[0]);
    const restarted = await a.restart('the user asked');
    expect(restarted.sharedEngine).toBeUndefined();
    expect(log).toContain('dedicated');
    await expect(running).resolves.toBeDefined();
    // a said goodbye on its port: only b is connected now
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(page.ports.size).toBe(1);
    expect(page.connects()).toBe(2);
  });

  it('does not ask for a shared worker where the document may keep no storage', async () => {
    const log: string[] = [];
    const page = pageWithSharedEngine(log, false);
    const info = await client(page.host, log).init('wasm');
    expect(info.sharedEngine).toBeUndefined();
    expect(page.connects()).toBe(0);
    expect(log).toEqual(['dedicated', 'init']);
  });

  it('uses a worker of its own where the browser has no SharedWorker', async () => {
    const log: string[] = [];
    const page = pageWithSharedEngine(log);
    const info = await client({ ...page.host, hasSharedWorker: () => false }, log).init('auto');
    expect(info.sharedEngine).toBeUndefined();
    expect(page.connects()).toBe(0);
  });

  it('a shared worker the browser refuses ends on a worker of its own, not in a loop', async () => {
    // the course page's cross-site iframes where third-party storage is blocked: the
    // SharedWorker fires 'error' and never answers; joining it again fails again
    const log: string[] = [];
    let connects = 0;
    const refusing: SharedWorkerHost = {
      hasSharedWorker: () => true,
      connect: () => {
        connects++;
        const shared = Object.assign(new EventTarget(), { port: new MessageChannel().port1 });
        setTimeout(() => shared.dispatchEvent(new Event('error', { cancelable: true })), 5);
        return shared as unknown as SharedWorker;
      },
      localStorage: {} as Storage,
    };
    const made = client(refusing, log);
    const statuses: string[] = [];
    made.onStatus((s) => statuses.push(s.kind));
    const ready = await made.init('wasm');
    expect(ready.sharedEngine).toBeUndefined();
    expect(connects).toBe(1);
    expect(statuses).toEqual(['starting', 'restarting', 'ready']);
  });
});
