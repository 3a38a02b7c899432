import { describe, expect, it } from 'vitest';
import { cappedRepeats, cutFor, modelKind, spreadIndices, type Cut, type ModelKind } from './cuts';

function cut(backend: string, kind: ModelKind): Cut {
  const found = cutFor(backend, kind);
  if (typeof found === 'string') throw new Error(found);
  return found;
}

describe('modelKind', () => {
  it('calls flat-input models MLPs and image-input models conv nets', () => {
    expect(modelKind({ modelInputShape: [784] })).toBe('mlp');
    expect(modelKind({ modelInputShape: [32, 32, 3] })).toBe('conv');
  });
});

describe('cutFor', () => {
  it('keeps the MLP plans: everything on wasm, a smaller job on cpu', () => {
    expect(cut('node:wasm', 'mlp').testSetCount).toBe(10_000);
    expect(cut('node:wasm', 'mlp').workloads).toContain('map128-noclip');
    expect(cut('node:cpu', 'mlp').testSetCount).toBe(1000);
    expect(cut('chromium:webgpu', 'mlp').workloads).toEqual(['load', 'fgsm', 'sweep201']);
  });

  it('runs the conv net without 128x128 maps on wasm, small workloads on slow backends', () => {
    const wasm = cut('node:wasm', 'conv');
    expect(wasm.workloads).toContain('map64-noclip');
    expect(wasm.workloads).not.toContain('map128');
    expect(wasm.testSetCount).toBe(2000);
    expect(wasm.batchCount).toBe(1000);
    expect(cut('node:webgpu', 'conv').testSetCount).toBe(10_000);
    expect(cut('chromium:auto', 'conv').workloads).toContain('testset');
    expect(cut('chromium:cpu', 'conv').workloads).toEqual(['load', 'fgsm']);
    expect(cut('node:cpu', 'conv').maxRepeats.small).toBe(5);
    expect(cutFor('node:wasm-nopatch', 'conv')).toMatch(/no conv filter gradient/);
  });

  it('caps repeats for the conv net only', () => {
    const repeats = { small: 20, map: 5, testSet: 2 };
    expect(cappedRepeats(repeats, cut('node:wasm', 'mlp'))).toEqual(repeats);
    expect(cappedRepeats(repeats, cut('node:wasm', 'conv'))).toEqual({
      small: 10,
      map: 2,
      testSet: 1,
    });
  });
});

describe('spreadIndices', () => {
  it('spreads picks over the whole range and never exceeds it', () => {
    expect(spreadIndices(10_000, 4)).toEqual([0, 2500, 5000, 7500]);
    expect(spreadIndices(3, 5)).toEqual([0, 1, 2]);
    expect(spreadIndices(5, 0)).toEqual([]);
  });
});
