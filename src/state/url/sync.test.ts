import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../store';
import { applyUrlState, syncStateToUrl, urlWithState } from './sync';

/** the part of Window the sync uses: location.href and history.replaceState */
function fakeWindow(href: string) {
  const calls: string[] = [];
  const win = {
    location: { href },
    history: {
      state: null,
      replaceState: (_s: unknown, _t: string, url: URL | string) => {
        calls.push(String(url));
        win.location.href = String(url);
      },
    },
  };
  return { win: win as unknown as Window, calls };
}

describe('URL sync', () => {
  it('writes a single change at once, and a burst at most once per interval, ending on its last value', () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const { win, calls } = fakeWindow(
      'https://x.example/embed.html?controls=eps&origins=https://a.edu',
    );
    const stop = syncStateToUrl(store, win, { intervalMs: 200 });
    // a discrete choice lands in the address bar synchronously, so an immediate reload keeps it
    store.getState().setBackendPreference('wasm');
    expect(calls).toHaveLength(1);
    expect(new URL(calls[0] ?? '').searchParams.get('backend')).toBe('wasm');
    // a slider drag right after it: no write until the interval is over, then one with the last value
    for (const eps of [0.1, 0.11, 0.12]) store.getState().setEps(eps);
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(199);
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(calls).toHaveLength(2);
    const url = new URL(calls[1] ?? '');
    expect(url.searchParams.get('eps')).toBe('0.12');
    expect(url.searchParams.get('backend')).toBe('wasm');
    // parameters the codec does not own stay
    expect(url.searchParams.get('controls')).toBe('eps');
    expect(url.searchParams.get('origins')).toBe('https://a.edu');
    // 'auto' drops the backend again, as the old ?backend= sync did
    vi.advanceTimersByTime(1000);
    store.getState().setBackendPreference('auto');
    expect(calls).toHaveLength(3);
    expect(new URL(calls[2] ?? '').searchParams.has('backend')).toBe(false);
    stop();
    vi.useRealTimers();
  });

  it('applies a link and reads back the same query', () => {
    const store = createAppStore();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const search = '?v=1&model=mnist-maxout&image=42&eps=0.07&attack=fgsm&view=sweep&bogus=1';
    const decoded = applyUrlState(store, search);
    expect(decoded.warnings).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(store.getState().errors.map((e) => e.source)).toEqual(['link']);
    const url = urlWithState('https://x.example/?bogus=1', store);
    expect(url.search).toBe(
      '?v=1&model=mnist-maxout&image=42&eps=0.07&attack=fgsm&view=sweep&bogus=1',
    );
    warn.mockRestore();
  });
});
