import { describe, expect, it } from 'vitest';
import type { BackendCandidate } from '../api';
import { likelyStart, machineKey, rememberedChoice } from './backendMemory';

const UA = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.0.0';
const swiftshader: BackendCandidate[] = [
  { name: 'webgpu', available: true, adapter: 'google swiftshader', software: true },
  { name: 'webgl', available: true, adapter: 'Google SwiftShader', software: true },
  { name: 'wasm', available: true },
  { name: 'cpu', available: true },
];
const machine = machineKey(UA, swiftshader);

describe('machineKey', () => {
  it('changes with the browser and with either GPU adapter, not with timings', () => {
    expect(machineKey(UA.replace('140', '141'), swiftshader)).not.toBe(machine);
    const otherGpu = swiftshader.map((c) =>
      c.name === 'webgpu' ? { ...c, adapter: 'nvidia ampere', software: false } : c,
    );
    expect(machineKey(UA, otherGpu)).not.toBe(machine);
    const noWebGl = swiftshader.map((c) =>
      c.name === 'webgl' ? { name: c.name, available: false, reason: 'no context' } : c,
    );
    expect(machineKey(UA, noWebGl)).not.toBe(machine);
    const timed = swiftshader.map((c) => ({ ...c, probeMs: 12, note: 'x' }));
    expect(machineKey(UA, timed)).toBe(machine);
  });
});

describe('rememberedChoice', () => {
  it('keeps the choice made on this browser and adapters', () => {
    expect(rememberedChoice({ machine, active: 'wasm' }, machine, swiftshader)).toBe('wasm');
  });

  it('probes again for another machine, an unusable backend or a malformed record', () => {
    const other = machineKey(UA.replace('140', '141'), swiftshader);
    expect(rememberedChoice({ machine: other, active: 'wasm' }, machine, swiftshader)).toBeNull();
    const noWasm = swiftshader.map((c) => (c.name === 'wasm' ? { ...c, available: false } : c));
    expect(rememberedChoice({ machine, active: 'wasm' }, machine, noWasm)).toBeNull();
    for (const bad of [undefined, null, 'wasm', { machine }, { machine, active: 'tpu' }]) {
      expect(rememberedChoice(bad, machine, swiftshader)).toBeNull();
    }
  });
});

describe('likelyStart', () => {
  it('guesses the remembered backend of this browser, whatever its adapters, else wasm', () => {
    expect(likelyStart({ machine, active: 'webgpu' }, UA)).toBe('webgpu');
    const otherAdapter = machineKey(UA, []);
    expect(likelyStart({ machine: otherAdapter, active: 'webgl' }, UA)).toBe('webgl');
    expect(likelyStart({ machine, active: 'webgpu' }, UA.replace('140', '141'))).toBe('wasm');
    expect(likelyStart(undefined, UA)).toBe('wasm');
    expect(likelyStart({ machine, active: 'tpu' }, UA)).toBe('wasm');
  });
});
