import { describe, expect, it } from 'vitest';
import { summarize } from './stats';
import { formatTable } from './table';

describe('summarize', () => {
  it('gives the middle value of an odd count and the mean of the middle two of an even one', () => {
    expect(summarize([5, 1, 3])).toEqual({ runs: 3, median: 3, min: 1, max: 5 });
    expect(summarize([4, 1, 3, 10])).toEqual({ runs: 4, median: 3.5, min: 1, max: 10 });
  });

  it('refuses an empty list', () => {
    expect(() => summarize([])).toThrow(RangeError);
  });
});

describe('formatTable', () => {
  it('puts each backend in a column and each model workload in a row', () => {
    const ms = summarize([2, 1, 3]);
    const table = formatTable([
      { workload: 'fgsm', model: 'm', host: 'node', backend: 'wasm', ms },
      { workload: 'fgsm', model: 'm', host: 'chromium', backend: 'cpu', ms: summarize([1500]) },
    ]).split('\n');
    expect(table[0]).toMatch(/node:wasm .*\| chromium:cpu/);
    expect(table[2]).toMatch(/^m fgsm .*2\.0 \(1\.0-3\.0\) .*\| 1\.50 s/);
  });
});
