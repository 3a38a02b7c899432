/**
 * The client bridge against a scripted engine behind a real comlink channel (clientHarness.ts):
 * latest-wins, abort, error codes across the boundary and bookkeeping. Restarts and replay:
 * client.restart.test.ts; the heartbeat: client.liveness.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttackParams, AttackResult, TimedResult } from './api';
import { createEngineClient } from './client';
import {
  deferred,
  disposeClients,
  harness,
  image,
  manifest,
  rejection,
  trackClient,
  type Harness,
  type ScriptedEngine,
} from './clientHarness';
import { EngineError } from './core/errors';
import { InProcessWorker } from './worker/inProcessWorker';

afterEach(disposeClients);

describe('latest-wins channels', () => {
  const attackOn = (h: Harness, eps: number) =>
    h.client.attack(
      'm',
      image,
      { mode: 'fgsm', eps, labelSource: 'predicted' },
      { channel: 'eps' },
    );

  it('runs only the newest of 5 rapid calls; the others reject cancelled', async () => {
    const h = harness();
    await h.client.init('cpu');
    const calls = [0.1, 0.2, 0.3, 0.4, 0.5].map((eps) => attackOn(h, eps));
    for (const call of calls.slice(0, 4)) expect((await rejection(call)).code).toBe('cancelled');
    const newest = await (calls[4] as Promise<TimedResult<AttackResult>>);
    // the scripted attack answers min(1, x + eps): the answer is the newest request's
    expect(Array.from(newest.result.adversarial.data)).toEqual(
      Array.from(image.data, (v) => Math.fround(Math.min(1, v + 0.5))),
    );
    expect(h.engines[0]?.log.filter((l) => l.startsWith('attack'))).toEqual([
      'attack:m:0.5',
      'attack-done:0.5',
    ]);
  });

  it('drops the stale result of a running call and queues at most one newer call', async () => {
    const h = harness();
    await h.client.init('cpu');
    const engine = h.engines[0] as ScriptedEngine;
    const hold = deferred();
    engine.gate = hold.promise;
    const running = attackOn(h, 0.1);
    await vi.waitFor(() => expect(engine.log).toContain('attack:m:0.1'));
    const newer = [0.2, 0.3, 0.4, 0.5].map((eps) => attackOn(h, eps));
    // stale and superseded calls reject at once, while the worker still holds the first one
    expect((await rejection(running)).code).toBe('cancelled');
    for (const call of newer.slice(0, 3)) expect((await rejection(call)).code).toBe('cancelled');
    engine.gate = Promise.resolve();
    hold.resolve();
    const newest = await (newer[3] as Promise<TimedResult<AttackResult>>);
    expect(newest.result.linfNorm).toBeCloseTo(0.5, 6); // max over pixels of min(1, x + eps) - x
    // the newest starts only after the worker finished the stale one; 0.2-0.4 never ran
    expect(engine.log.filter((l) => l.startsWith('attack'))).toEqual([
      'attack:m:0.1',
      'attack-done:0.1',
      'attack:m:0.5',
      'attack-done:0.5',
    ]);
  });

  it('keeps separate channels and unchannelled calls independent', async () => {
    const h = harness();
    const params = (eps: number): AttackParams => ({ mode: 'fgsm', eps, labelSource: 'predicted' });
    const [a, b, c] = await Promise.all([
      h.client.attack('m', image, params(0.1), { channel: 'left' }),
      h.client.attack('m', image, params(0.2), { channel: 'right' }),
      h.client.attack('m', image, params(0.3)),
    ]);
    expect([a.ms, b.ms, c.ms].map((ms) => Math.round(ms))).toEqual([1, 2, 3]);
  });
});

describe('cancellation', () => {
  it('rejects an already aborted call without sending it', async () => {
    const h = harness();
    await h.client.init();
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(
      h.client.attack(
        'm',
        image,
        { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' },
        { signal: controller.signal },
      ),
    );
    expect(error.code).toBe('cancelled');
    await h.client.memory(); // a round trip, so anything sent would have arrived
    expect(h.engines[0]?.log.some((l) => l.startsWith('attack'))).toBe(false);
  });

  it('rejects a running long call at once and stops it inside the worker', async () => {
    const h = harness();
    const controller = new AbortController();
    const progress: number[] = [];
    const call = h.client.crossSection(
      'm',
      image,
      { epsMax: 0.3, labelSource: 'predicted' },
      { signal: controller.signal, onProgress: (p) => progress.push(p.done) },
    );
    await vi.waitFor(() => expect(progress.length).toBeGreaterThanOrEqual(2));
    controller.abort();
    expect((await rejection(call)).code).toBe('cancelled');
    const engine = h.engines[0] as ScriptedEngine;
    const started = engine.log.find((l) => l.startsWith('crossSection:')) as string;
    const requestId = Number(started.split(':')[2]);
    await vi.waitFor(() => expect(engine.cancelled).toEqual([requestId]));
    const seen = progress.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(progress.length).toBe(seen); // no progress after the abort
  });
});

describe('errors across the boundary', () => {
  it('keeps the engine error code, and the worker keeps serving', async () => {
    const h = harness();
    await h.client.init();
    const engine = h.engines[0] as ScriptedEngine;
    const params: AttackParams = { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' };

    engine.attackError = new EngineError(
      'invalid-argument',
      'eps must be finite and >= 0, got NaN',
    );
    const invalid = await rejection(h.client.attack('m', image, params));
    expect(invalid.code).toBe('invalid-argument');
    expect(invalid.message).toBe('eps must be finite and >= 0, got NaN');

    engine.attackError = new TypeError('something broke');
    const internal = await rejection(h.client.attack('m', image, params));
    expect(internal.code).toBe('internal');
    expect(internal.message).toBe('something broke');

    const weights = await rejection(h.client.firstLayerWeights('m'));
    expect(weights.code).toBe('invalid-argument');

    engine.attackError = null;
    const ok = await h.client.attack('m', image, params);
    expect(ok.result.linfNorm).toBeCloseTo(0.1, 6);
    expect(h.engines).toHaveLength(1);
  });

  it('reports an unresolvable model base URL as invalid-argument', async () => {
    const client = createEngineClient({
      workerFactory: () => new InProcessWorker(() => undefined).asWorker(),
    });
    trackClient(client);
    expect((await rejection(client.loadModel(manifest('a'), 'relative/'))).code).toBe(
      'invalid-argument',
    );
  });
});

describe('bookkeeping', () => {
  it('exposes the last operation time and tells timing listeners', async () => {
    const h = harness();
    const seen: number[] = [];
    h.client.onTiming((t) => seen.push(t.ms));
    const result = await h.client.attack('m', image, {
      mode: 'fgsm',
      eps: 0.4,
      labelSource: 'predicted',
    });
    expect(h.client.lastTiming()).toEqual({
      operation: 'attack',
      ms: result.ms,
      backend: result.backend,
    });
    expect(seen).toEqual([result.ms]);
  });

  it('does not reload an unloaded model after a restart, nor an ensemble whose member changed', async () => {
    const h = harness();
    await h.client.loadModel(manifest('a'), 'http://cdn.test/');
    await h.client.loadModel(manifest('b'), 'http://cdn.test/');
    await h.client.loadModel(manifest('ab', ['a', 'b']), 'http://cdn.test/');
    await h.client.loadModel(manifest('c'), 'http://cdn.test/');
    await h.client.loadModel(manifest('a'), 'http://cdn.test/'); // reloading a member drops 'ab'
    await h.client.unloadModel('c');
    await h.client.restart('test');
    expect(h.engines[1]?.log).toEqual([
      'init:auto',
      'loadModel:a@http://cdn.test/',
      'loadModel:b@http://cdn.test/',
    ]);
  });

  it('dispose rejects pending calls and terminates the worker', async () => {
    const h = harness();
    await h.client.init();
    h.engines[0]!.gate = new Promise(() => undefined);
    const call = h.client.attack('m', image, { mode: 'fgsm', eps: 0.1, labelSource: 'predicted' });
    await vi.waitFor(() => expect(h.engines[0]?.log).toContain('attack:m:0.1'));
    h.client.dispose();
    expect((await rejection(call)).code).toBe('cancelled');
    expect(h.workers[0]?.terminated).toBe(true);
    expect((await rejection(h.client.memory())).code).toBe('cancelled');
  });
});
