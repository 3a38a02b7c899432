/**
 * The cold-start trace: the 'ae:' marks of every context (page, frames, engine workers) and the
 * network requests of one page load, put on the top page's clock (ms since its navigation
 * start), then the medians of several loads per event.
 */
import type { ContextMarks } from './coldStartProbe';
import { summarize, type Summary } from './stats';

export interface LabelledMarks extends ContextMarks {
  /** 'page', 'frame embed-image', 'worker', 'worker 2', ... */
  label: string;
}

export interface RequestTiming {
  url: string;
  /** ms since the epoch */
  start: number;
  end: number;
  bytes: number;
  /** where the answer came from: 'network', 'service worker' */
  from: string;
}

/** One event of a load, in ms since the top page's navigation start. */
export interface TraceEvent {
  what: string;
  at: number;
}

/** Marks of all contexts on the top page's clock, in time order. */
export function markEvents(contexts: readonly LabelledMarks[], topOrigin: number): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (const context of contexts) {
    const offset = context.timeOrigin - topOrigin;
    for (const mark of context.marks) {
      const name = mark.name.replace(/^ae:/, '');
      const what = context.label === 'page' ? name : `${context.label}: ${name}`;
      events.push({ what, at: mark.startTime + offset });
    }
  }
  return events.sort((a, b) => a.at - b.at);
}

/** A request's path below the app's root, hashes kept (they tell which bundle it was). */
export function shortUrl(url: string): string {
  try {
    const { pathname, search } = new URL(url);
    return pathname + search;
  } catch {
    return url;
  }
}

/** Requests as two events each: when it was sent and when its body had arrived. */
export function requestEvents(requests: readonly RequestTiming[], topOrigin: number): TraceEvent[] {
  return requests.map((r) => ({
    what: `fetch ${shortUrl(r.url)} (${(r.bytes / 1024).toFixed(0)} KiB, ${r.from})`,
    at: r.end - topOrigin,
  }));
}

export interface EventSummary {
  what: string;
  ms: Summary;
}

/**
 * Per event name, the summary over the loads that had it, in order of median time. Repeated
 * names in one load (two workers of the same label) keep their first time.
 */
export function summarizeEvents(loads: readonly TraceEvent[][]): EventSummary[] {
  const times = new Map<string, number[]>();
  for (const load of loads) {
    const seen = new Set<string>();
    for (const event of load) {
      if (seen.has(event.what)) continue;
      seen.add(event.what);
      const list = times.get(event.what) ?? [];
      list.push(event.at);
      times.set(event.what, list);
    }
  }
  return [...times.entries()]
    .map(([what, samples]) => ({ what, ms: summarize(samples) }))
    .sort((a, b) => a.ms.median - b.ms.median);
}

/** "  1234 ms (1100-1400, 5 runs)  what" lines. */
export function formatEvents(summaries: readonly EventSummary[]): string[] {
  return summaries.map(({ what, ms }) => {
    const range =
      ms.runs > 1 ? ` (${ms.min.toFixed(0)}-${ms.max.toFixed(0)}, ${ms.runs} runs)` : '';
    return `${ms.median.toFixed(0).padStart(6)} ms${range.padEnd(24)} ${what}`;
  });
}
