import { describe, expect, it } from 'vitest';
import type { BackendCandidate } from '../api';
import {
  decideBackend,
  median,
  probeBudgetMs,
  probeOrder,
  ProbeStopped,
  timeProbe,
  untimedReason,
  unrivalled,
} from './backendChoice';

const usable = (name: BackendCandidate['name'], probeMs?: number): BackendCandidate => ({
  name,
  available: true,
  ...(probeMs !== undefined ? { probeMs } : {}),
});
const unusable = (name: BackendCandidate['name'], reason: string): BackendCandidate => ({
  name,
  available: false,
  reason,
});

describe('median', () => {
  it('is the middle value of an odd count and the mean of the middle two of an even count', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow();
  });
});

describe('timeProbe', () => {
  /** a fake workload that reports the given durations in order */
  const runs = (durations: number[]) => {
    const calls: number[] = [];
    return {
      calls,
      runOnce: async () => {
        const ms = durations[calls.length] as number;
        calls.push(ms);
        return ms;
      },
    };
  };

  it('discards the warm-up and returns the median of three timed runs', async () => {
    const w = runs([500, 12, 10, 11]);
    expect(await timeProbe(w.runOnce)).toBe(11);
    expect(w.calls).toHaveLength(4);
  });

  it('stops after one timed run when that run is hopeless against the best so far', async () => {
    const w = runs([3000, 900, 880, 870]);
    expect(await timeProbe(w.runOnce, { bestSoFarMs: 20 })).toBe(900);
    expect(w.calls).toHaveLength(2);
  });

  it('runs no further workload once told to stop', async () => {
    const w = runs([100, 30, 28, 29]);
    let stop = false;
    const timing = timeProbe(
      async () => {
        const ms = await w.runOnce();
        stop = true; // the caller gives up during the warm-up
        return ms;
      },
      { shouldStop: () => stop },
    );
    await expect(timing).rejects.toBeInstanceOf(ProbeStopped);
    expect(w.calls).toHaveLength(1);
  });

  it('keeps timing a candidate that is within reach of the best', async () => {
    const w = runs([100, 30, 28, 29]);
    expect(await timeProbe(w.runOnce, { bestSoFarMs: 20 })).toBe(29);
    expect(w.calls).toHaveLength(4);
  });
});

describe('decideBackend', () => {
  const measured = [
    usable('webgpu', 850), // SwiftShader: CPU-emulated, slow
    unusable('webgl', 'no OffscreenCanvas in this worker'),
    usable('wasm', 24),
    usable('cpu', 160),
  ];

  it('auto picks the available candidate with the smallest probe time', () => {
    expect(decideBackend(measured, 'auto')).toEqual({ active: 'wasm', chosenBy: 'measured' });
    const fastGpu = measured.map((c) => (c.name === 'webgpu' ? { ...c, probeMs: 3 } : c));
    expect(decideBackend(fastGpu, 'auto')).toEqual({ active: 'webgpu', chosenBy: 'measured' });
  });

  it('ignores a fast time on an unavailable candidate', () => {
    const broken = [{ ...unusable('webgpu', 'device lost'), probeMs: 1 }, usable('wasm', 24)];
    expect(decideBackend(broken, 'auto').active).toBe('wasm');
  });

  it('honours a usable override even when it is slower', () => {
    expect(decideBackend(measured, 'cpu')).toEqual({ active: 'cpu', chosenBy: 'override' });
    expect(decideBackend(measured, 'webgpu')).toEqual({ active: 'webgpu', chosenBy: 'override' });
  });

  it('falls back to the fastest other candidate, with the reason, for an unusable override', () => {
    expect(decideBackend(measured, 'webgl')).toEqual({
      active: 'wasm',
      chosenBy: 'fallback',
      reason: 'webgl is unusable: no OffscreenCanvas in this worker',
    });
  });

  it('takes the first usable candidate when nothing was timed', () => {
    const untimed = [
      unusable('webgpu', 'no adapter'),
      usable('webgl'),
      usable('wasm'),
      usable('cpu'),
    ];
    expect(decideBackend(untimed, 'auto').active).toBe('webgl');
  });

  it('throws when nothing is usable', () => {
    const none = [unusable('webgpu', 'no adapter'), unusable('cpu', 'broken')];
    expect(() => decideBackend(none, 'auto')).toThrow(/webgpu: no adapter; cpu: broken/);
    expect(() => decideBackend(none, 'webgpu')).toThrow(/no usable backend/);
  });
});

describe('probe order and budgets', () => {
  it('times wasm first, hardware GPUs next, then cpu, software GPUs last, skipping unusable ones', () => {
    const candidates: BackendCandidate[] = [
      { name: 'webgpu', available: true, software: true },
      { name: 'webgl', available: true, software: false },
      { name: 'wasm', available: true },
      { name: 'cpu', available: true },
    ];
    expect(probeOrder(candidates)).toEqual(['wasm', 'webgl', 'cpu', 'webgpu']);
    const noWebgl = candidates.map((c) => (c.name === 'webgl' ? { ...c, available: false } : c));
    expect(probeOrder(noWebgl)).toEqual(['wasm', 'cpu', 'webgpu']);
  });

  it('gives a software GPU a short budget once a baseline exists, and others the default', () => {
    expect(probeBudgetMs(true, 40, 30_000)).toBe(500); // max(500, 8 x 40)
    expect(probeBudgetMs(true, 200, 30_000)).toBe(1600);
    expect(probeBudgetMs(true, 10_000, 30_000)).toBe(30_000);
    expect(probeBudgetMs(true, undefined, 30_000)).toBe(30_000); // nothing to compare with
    expect(probeBudgetMs(false, 40, 30_000)).toBe(30_000);
  });

  it('leaves a software WebGL renderer untimed once a baseline exists, and times everything else', () => {
    const softGl: BackendCandidate = { name: 'webgl', available: true, software: true };
    expect(untimedReason(softGl, 25)).toMatch(/software renderer/);
    expect(untimedReason(softGl, undefined)).toBeNull();
    expect(untimedReason({ ...softGl, software: false }, 25)).toBeNull();
    expect(untimedReason({ name: 'webgpu', available: true, software: false }, 25)).toBeNull();
  });

  it('leaves cpu and a software WebGPU adapter untimed once a baseline exists (they never win)', () => {
    // measured on the 2-core machine: one FGSM 5.8 ms on wasm, 14.8 on cpu, 264 on SwiftShader
    // WebGPU; timing them cost 1.4 and 2.6 s of a cold start there
    const softGpu: BackendCandidate = { name: 'webgpu', available: true, software: true };
    expect(untimedReason(softGpu, 10)).toMatch(/software adapter/);
    expect(untimedReason(usable('cpu'), 10)).toMatch(/JavaScript/);
    expect(untimedReason(softGpu, undefined)).toBeNull();
    expect(untimedReason(usable('cpu'), undefined)).toBeNull();
  });
});

describe('unrivalled', () => {
  const softGpu: BackendCandidate = { name: 'webgpu', available: true, software: true };
  const softGl: BackendCandidate = { name: 'webgl', available: true, software: true };

  it('is wasm when only cpu and CPU-emulated GPUs are beside it: nothing to time', () => {
    expect(unrivalled([softGpu, softGl, usable('wasm'), usable('cpu')])).toBe('wasm');
    expect(unrivalled([unusable('webgpu', 'none'), usable('wasm'), usable('cpu')])).toBe('wasm');
  });

  it('is nothing when a hardware GPU competes, or without wasm', () => {
    const gpu: BackendCandidate = { name: 'webgpu', available: true, software: false };
    expect(unrivalled([gpu, softGl, usable('wasm'), usable('cpu')])).toBeNull();
    expect(unrivalled([softGpu, softGl, unusable('wasm', 'x'), usable('cpu')])).toBeNull();
  });
});
