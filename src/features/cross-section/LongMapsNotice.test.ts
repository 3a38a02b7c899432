// @vitest-environment happy-dom
/**
 * Long maps wait for the go: the notice says how long, why (the measured cell), and offers the
 * go, a quicker resolution that is not long, and a single map.
 */
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LongMapsNotice } from './LongMapsNotice';

let host: HTMLElement;
let root: Root;

beforeEach(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

describe('LongMapsNotice', () => {
  it('says how long and why, and offers the go and quicker maps', () => {
    const calls: string[] = [];
    // MobileNet on wasm: 6 maps of 64 x 64 at 40 ms a cell on 2 cores
    const cost = { cellMs: 40, directionMs: 300 };
    act(() =>
      root.render(
        createElement(LongMapsNotice, {
          job: { ms: 6 * (300 + (4352 * 40) / 2), cost, cores: 2, images: 6, planes: ['fgsm'] },
          resolution: 64,
          resolutionOptions: [16, 32, 64, 128],
          onApprove: () => calls.push('go'),
          onResolutionChange: (r) => calls.push(`resolution ${r}`),
          onCountChange: (n) => calls.push(`count ${n}`),
        }),
      ),
    );
    const text = host.textContent ?? '';
    expect(text).toContain('These 6 maps at 64 × 64 would take about 9 min.');
    expect(text).toContain('one cell of this model at 40 ms');
    expect(text).toContain('shared by 2 cores');
    expect(text).toContain('4,352 cells');
    const button = (id: string) => host.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!;
    // 32 x 32 would still take over 2 min (6 x (0.3 + 1,088 x 0.02) s = 133 s); 16 x 16: 40 s
    expect(button('xsec-long-smaller').textContent).toBe('16 × 16 instead (about 40 s)');
    expect(button('xsec-long-one').textContent).toBe('One map instead (about 87 s)');
    act(() => {
      button('xsec-long-go').click();
      button('xsec-long-smaller').click();
      button('xsec-long-one').click();
    });
    expect(calls).toEqual(['go', 'resolution 16', 'count 1']);
  });

  it('counts both maps of each pair, and offers one image (its pair) instead', () => {
    // the same maps with their random partners: 6 x (0.3 + 87) s + 6 x 87 s
    const cost = { cellMs: 40, directionMs: 300 };
    const planes = ['fgsm', 'random'] as const;
    const ms = 6 * (300 + (4352 * 40) / 2) + (6 * 4352 * 40) / 2;
    act(() =>
      root.render(
        createElement(LongMapsNotice, {
          job: { ms, cost, cores: 2, images: 6, planes },
          resolution: 64,
          resolutionOptions: [16, 32, 64, 128],
          onApprove: () => {},
          onResolutionChange: () => {},
          onCountChange: () => {},
        }),
      ),
    );
    const text = host.textContent ?? '';
    expect(text).toContain('These 6 pairs of maps (12 maps) at 64 × 64 would take about 17 min.');
    const button = (id: string) => host.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!;
    // 16 x 16 pairs (320 cells a map): 6 x (0.3 + 2 x 6.4) s = 79 s
    expect(button('xsec-long-smaller').textContent).toBe('16 × 16 instead (about 79 s)');
    // one pair: 0.3 + 2 x 87 s = 174 s
    expect(button('xsec-long-one').textContent).toBe('One image instead (about 3 min)');
  });
});
