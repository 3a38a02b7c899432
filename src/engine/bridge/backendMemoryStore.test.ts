import { describe, expect, it } from 'vitest';
import type { BackendInfo } from '../api';
import { BACKEND_MEMORY_KEY, BACKEND_MEMORY_MAX_AGE_MS, backendMemory } from './backendMemoryStore';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

const measured: BackendInfo = {
  active: 'wasm',
  adapter: 'WebAssembly SIMD',
  software: false,
  chosenBy: 'measured',
  candidates: [],
  machine: 'Chrome\nwebgpu: swiftshader',
  choiceMs: 900,
};

describe('backendMemory', () => {
  it('keeps a measured choice and gives it back', () => {
    const storage = memoryStorage();
    let now = 1_000;
    const memory = backendMemory(storage, () => now);
    expect(memory.load()).toBeUndefined();
    memory.save(measured);
    now += 1000;
    expect(memory.load()).toEqual({ machine: measured.machine, active: 'wasm' });
  });

  it('does not keep an override, a fallback or a remembered start', () => {
    for (const chosenBy of ['override', 'fallback', 'remembered'] as const) {
      const storage = memoryStorage();
      backendMemory(storage).save({ ...measured, chosenBy });
      expect(storage.items.size).toBe(0);
    }
  });

  it('forgets a record older than a month, from the future, or malformed', () => {
    const storage = memoryStorage();
    let now = 5_000;
    const memory = backendMemory(storage, () => now);
    memory.save(measured);
    now += BACKEND_MEMORY_MAX_AGE_MS;
    expect(memory.load()).toBeUndefined();
    now = 0;
    expect(memory.load()).toBeUndefined();
    for (const raw of ['{', '"wasm"', '{"version":2}', '{"version":1,"savedAt":0}']) {
      storage.items.set(BACKEND_MEMORY_KEY, raw);
      expect(backendMemory(storage, () => 1).load()).toBeUndefined();
    }
  });

  it('works without storage and when storage throws', () => {
    expect(backendMemory(null).load()).toBeUndefined();
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const memory = backendMemory(throwing);
    expect(memory.load()).toBeUndefined();
    expect(() => memory.save(measured)).not.toThrow();
  });
});
