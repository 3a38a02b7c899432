/**
 * A figure's live result: computed by `compute` once the figure is in view, again whenever
 * `key` changes (a slider moved), the stale run aborted. The state names the key it belongs to,
 * so a figure never shows numbers for inputs other than its current ones.
 */
import { useEffect, useRef, useState } from 'react';

export type Live<T> =
  | { status: 'waiting' }
  | { status: 'running'; previous: T | null }
  | { status: 'done'; value: T }
  | { status: 'error'; message: string };

interface Settled<T> {
  key: string;
  value?: T;
  error?: string;
}

export function useLive<T>(
  active: boolean,
  key: string,
  compute: (signal: AbortSignal) => Promise<T>,
): Live<T> {
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const computeRef = useRef(compute);
  useEffect(() => {
    computeRef.current = compute;
  });
  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    computeRef.current(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setSettled({ key, value });
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setSettled({ key, error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => controller.abort();
  }, [active, key]);

  if (!active) return { status: 'waiting' };
  if (!settled || settled.key !== key) {
    return { status: 'running', previous: settled?.value ?? null };
  }
  if (settled.error !== undefined) return { status: 'error', message: settled.error };
  return { status: 'done', value: settled.value as T };
}

/** The value to draw: the current one, or while a new one runs, the last one. */
export function shown<T>(live: Live<T>): T | null {
  if (live.status === 'done') return live.value;
  if (live.status === 'running') return live.previous;
  return null;
}
