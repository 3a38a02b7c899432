import { describe, expect, it } from 'vitest';
import { breakingCause } from './breakage';
import { toEngineErrorData } from './core/errors';
import { engineErrorDataOf } from './protocol';

describe('breakingCause', () => {
  it('knows a wasm trap and an out-of-memory by their type or message', () => {
    expect(breakingCause(new WebAssembly.RuntimeError('memory access out of bounds'))).toBe(
      'memory access out of bounds',
    );
    expect(breakingCause(new Error('Aborted(OOM)'))).toBe('Aborted(OOM)');
    expect(breakingCause(new RangeError('Array buffer allocation failed'))).not.toBeNull();
  });

  it('leaves the ordinary errors of a call alone', () => {
    expect(breakingCause(new Error('eps must be in [0, 1]'))).toBeNull();
    expect(breakingCause('memory access out of bounds')).toBeNull();
    expect(breakingCause(null)).toBeNull();
  });

  it("becomes the 'engine-failed' code on both sides of the worker boundary", () => {
    const trap = new WebAssembly.RuntimeError('memory access out of bounds');
    for (const data of [toEngineErrorData(trap), engineErrorDataOf(trap)]) {
      expect(data.code).toBe('engine-failed');
      expect(data.message).toMatch(/memory access out of bounds.*restarted/);
    }
    // an error that already has its code keeps it
    expect(engineErrorDataOf({ code: 'engine-failed', message: 'x' })).toEqual({
      code: 'engine-failed',
      message: 'x',
    });
  });
});
