import { describe, expect, it } from 'vitest';
import { EvalUsageError, parseEvalOptions } from './evalOptions';

describe('eval options', () => {
  it('defaults: fgsm with true labels, eps 0.25, every test image, seed 0, wasm, tables', () => {
    const o = parseEvalOptions(['attack']);
    expect(o).toMatchObject({
      kind: 'attack',
      models: null,
      attack: { mode: 'fgsm', labelSource: 'true' },
      eps: [0.25],
      limit: Infinity,
      seed: 0,
      backend: 'wasm',
      output: 'text',
    });
  });

  it('reads lists, the target, pgd steps and the output format', () => {
    const o = parseEvalOptions([
      'attack',
      '--models',
      'a, b',
      '--attack',
      'pgd',
      '--steps',
      '7',
      '--target',
      '3',
      '--eps',
      '0.1,0.25',
      '--limit',
      '200',
      '--seed',
      '5',
      '--json',
    ]);
    expect(o.models).toEqual(['a', 'b']);
    expect(o.attack).toEqual({ mode: 'pgd', labelSource: 'true', targetClass: 3, steps: 7 });
    expect(o.eps).toEqual([0.1, 0.25]);
    expect(o.limit).toBe(200);
    expect(o.seed).toBe(5);
    expect(o.output).toBe('json');
  });

  it('rejects an unknown experiment, attack or malformed number', () => {
    expect(() => parseEvalOptions([])).toThrow(EvalUsageError);
    expect(() => parseEvalOptions(['nonsense'])).toThrow(EvalUsageError);
    expect(() => parseEvalOptions(['attack', '--attack', 'deepfool'])).toThrow(/--attack/);
    expect(() => parseEvalOptions(['attack', '--limit', '0'])).toThrow(/--limit/);
    expect(() => parseEvalOptions(['attack', '--eps', '0.1,x'])).toThrow(/--eps/);
  });
});
