/**
 * What the cold-start bench runs inside the browser: an init script for the top page that notes
 * when each explorer shows its first result (the full app's first prediction caption, an
 * iframe's first 'ae:result' message, an element's first 'ae-result' event), and a function that
 * reads a context's 'ae:' marks with its time origin, so marks of the page, its frames and its
 * workers land on one clock.
 */

/** Milliseconds since the top page's time origin (its navigation start). */
export interface ShownTimes {
  /** the full app's first prediction caption with a class */
  app: number | null;
  /** first result per embed: iframe element id, or 'element' for the custom element(s) */
  embeds: Record<string, number>;
}

export interface ContextMarks {
  /** the context's performance.timeOrigin (ms since the epoch) */
  timeOrigin: number;
  marks: { name: string; startTime: number }[];
}

/**
 * Runs in every frame before its scripts (Playwright init script); only the top page records.
 * Kept free of closures over module scope: Playwright serialises it.
 */
export function installShownProbe(): void {
  if (window !== window.top) return;
  const shown: ShownTimes = { app: null, embeds: {} };
  (window as unknown as { __aeShown: ShownTimes }).__aeShown = shown;
  const now = (): number => performance.now();
  const frameId = (source: MessageEventSource | null): string => {
    for (const frame of Array.from(document.querySelectorAll('iframe'))) {
      if (frame.contentWindow === source) return frame.id || frame.src;
    }
    return 'unknown';
  };
  window.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: unknown } | null;
    if (data?.type !== 'ae:result') return;
    const id = frameId(event.source);
    shown.embeds[id] ??= now();
  });
  document.addEventListener('ae-result', () => {
    shown.embeds['element'] ??= now();
  });
  const observer = new MutationObserver(() => {
    if (shown.app !== null) return;
    const caption = document.querySelector('[data-testid="pred-original"][data-class]');
    if (caption && /^\d+$/.test(caption.getAttribute('data-class') ?? '')) {
      shown.app = now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

/** Runs in a page, frame or worker: its 'ae:' marks and time origin. */
export function readMarks(): ContextMarks {
  return {
    timeOrigin: performance.timeOrigin,
    marks: performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('ae:'))
      .map((m) => ({ name: m.name, startTime: m.startTime })),
  };
}
