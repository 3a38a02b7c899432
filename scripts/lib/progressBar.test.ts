import { describe, expect, it } from 'vitest';
import { formatSeconds, ProgressBar } from './progressBar';

describe('progress bar', () => {
  it('draws the fraction done and an ETA of elapsed * remaining / done', () => {
    const bar = new ProgressBar({ total: 4, label: 'epoch 1/2', width: 8 });
    // 1 of 4 steps in 10 s: 30 s to go.
    expect(bar.line(1, 'loss 0.5', 10)).toBe('epoch 1/2 [##......]  25% loss 0.5 | 10s ETA 30s');
    expect(bar.line(4, 'x', 90)).toBe('epoch 1/2 [########] 100% x | 1m30s ETA 0s');
    expect(bar.line(0, 'x', 0)).toContain('ETA ?');
  });

  it('formats seconds as m/s', () => {
    expect(formatSeconds(59.4)).toBe('59s');
    expect(formatSeconds(61)).toBe('1m01s');
    expect(formatSeconds(Infinity)).toBe('?');
  });
});
