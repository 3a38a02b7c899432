/**
 * The client bridge replaces a worker that dies, loses its GPU device or stops answering: same
 * backend preference, models loaded again in order, running calls replayed, and it gives up on
 * a worker that keeps failing (scripted engine: clientHarness.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineStatus } from './clientApi';
import {
  deferred,
  disposeClients,
  FAST_LIVENESS,
  harness,
  image,
  manifest,
  rejection,
  type ScriptedEngine,
} from './clientHarness';

afterEach(disposeClients);

describe('restart', () => {
  it('replaces a dying worker: same preference, models reloaded in order, running call replayed', async () => {
    const h = harness();
    await h.client.init('wasm');
    await h.client.loadModel(manifest('a'), 'models/');
    await h.client.loadModel(manifest('b'), 'models/');
    const first = h.engines[0] as ScriptedEngine;
    first.gate = new Promise(() => undefined); // the call never finishes on this worker
    const call = h.client.attack('b', image, { mode: 'fgsm', eps: 0.25, labelSource: 'predicted' });
    await vi.waitFor(() => expect(first.log).toContain('attack:b:0.25'));
    h.workers[0]?.fail('out of memory');

    const result = await call;
    expect(result.result.linfNorm).toBeCloseTo(0.25, 6);
    expect(h.workers[0]?.terminated).toBe(true);
    const second = h.engines[1] as ScriptedEngine;
    expect(second.log).toEqual([
      'init:wasm',
      'loadModel:a@http://app.test/explorer/models/',
      'loadModel:b@http://app.test/explorer/models/',
      'attack:b:0.25',
      'attack-done:0.25',
    ]);
    expect(h.statuses).toEqual(['starting', 'ready', 'restarting', 'ready']);
    const restarting = h.statusEvents[2] as Extract<EngineStatus, { kind: 'restarting' }>;
    expect(restarting.reason).toContain('out of memory');
    expect(h.client.backendInfo()?.adapter).toBe('engine #2');
  });

  it('restarts when the worker reports a lost WebGPU device', async () => {
    const h = harness();
    await h.client.init('webgpu');
    (h.engines[0] as ScriptedEngine).loseDevice('WebGPU device lost (unknown): gone');
    await vi.waitFor(() =>
      expect(h.statuses).toEqual(['starting', 'ready', 'restarting', 'ready']),
    );
    expect(h.engines[1]?.log).toEqual(['init:webgpu']);
    expect(h.workers[0]?.terminated).toBe(true);
  });

  it('replaces a worker that stops answering and replays the call', async () => {
    const h = harness({ liveness: FAST_LIVENESS });
    await h.client.init();
    const first = h.engines[0] as ScriptedEngine;
    first.gate = new Promise(() => undefined);
    const call = h.client.attack('m', image, { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' });
    await vi.waitFor(() => expect(first.log).toContain('attack:m:0.1'));
    h.workers[0]?.hang();
    const result = await call;
    expect(result.ms).toBeCloseTo(1, 6);
    expect(h.engines).toHaveLength(2);
    const restarting = h.statusEvents.find((s) => s.kind === 'restarting');
    expect(restarting).toMatchObject({ reason: expect.stringContaining('did not answer') });
  });

  it('does not replace a slow worker that still answers', async () => {
    const h = harness({ liveness: FAST_LIVENESS });
    await h.client.init();
    const hold = deferred();
    (h.engines[0] as ScriptedEngine).gate = hold.promise;
    const call = h.client.attack('m', image, { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' });
    await new Promise((r) => setTimeout(r, 300)); // several liveness checks pass
    hold.resolve();
    await call;
    expect(h.engines).toHaveLength(1);
  });

  it('gives up on a call that keeps killing the worker', async () => {
    const never = new Promise<void>(() => undefined);
    const h = harness({ maxReplays: 2, onEngine: (engine) => (engine.gate = never) });
    const call = h.client.attack('m', image, { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' });
    // the attack reaches each new worker, which then dies: 1 try + 2 replays
    for (let i = 0; i < 3; i++) {
      await vi.waitFor(() => expect(h.engines[i]?.log).toContain('attack:m:0.1'));
      h.workers[i]?.fail(`crash ${i + 1}`);
    }
    const error = await rejection(call);
    expect(error.code).toBe('internal');
    expect(error.message).toContain('3 times');
    expect(error.message).toContain('crash 3');
  });

  it('stops restarting a worker that keeps failing, until restart()', async () => {
    const h = harness();
    await h.client.init();
    for (let i = 0; i < 4; i++) {
      await vi.waitFor(() => expect(h.engines[i]?.log).toContain('init:auto'));
      h.workers[i]?.fail(`crash ${i + 1}`);
    }
    expect(h.client.status()).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('crash 4'),
    });
    expect((await rejection(h.client.memory())).code).toBe('internal');
    expect(h.engines).toHaveLength(4);
    await h.client.restart('user retry');
    expect(h.client.status()?.kind).toBe('ready');
    expect((await h.client.memory()).numTensors).toBe(1); // the fifth worker has seen init only
    expect(h.engines).toHaveLength(5);
  });

  it('replays running calls on the new worker when init() changes the backend', async () => {
    const h = harness();
    await h.client.init('wasm');
    h.engines[0]!.gate = new Promise(() => undefined);
    const call = h.client.attack('m', image, { mode: 'fgsm', eps: 0.3, labelSource: 'predicted' });
    await vi.waitFor(() => expect(h.engines[0]?.log).toContain('attack:m:0.3'));
    const info = await h.client.init('cpu');
    expect(info.active).toBe('cpu');
    expect((await call).backend).toBe('cpu');
    expect(h.engines[1]?.log.slice(0, 2)).toEqual(['init:cpu', 'attack:m:0.3']);
  });

  it('starts one worker for repeated init() with the same preference', async () => {
    const h = harness();
    await Promise.all([h.client.init('wasm'), h.client.init('wasm')]);
    await h.client.init('wasm');
    expect(h.engines).toHaveLength(1);
  });
});
