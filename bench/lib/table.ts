/** The results as a plain-text table: one row per model and workload, one column per backend. */
import type { WorkloadResult } from './types';

const fmt = (ms: number): string =>
  !Number.isFinite(ms) ? '-' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)}`;

function cell(r: WorkloadResult): string {
  const base = `${fmt(r.ms.median)} (${fmt(r.ms.min)}-${fmt(r.ms.max)})`;
  const coarse = r.extra?.['firstCoarseMs'];
  const rate = r.extra?.['progressPerSecond'];
  if (coarse) return `${base} c ${fmt(coarse.median)}`;
  if (rate) return `${base} ${rate.median.toFixed(1)}/s`;
  return base;
}

export function formatTable(results: readonly WorkloadResult[]): string {
  const columns = [...new Set(results.map((r) => `${r.host}:${r.backend}`))];
  const rows = [...new Set(results.map((r) => `${r.model} ${r.workload}`))];
  const header = ['model workload (median ms (min-max))', ...columns];
  const lines = rows.map((row) => [
    row,
    ...columns.map((col) => {
      const r = results.find(
        (x) => `${x.model} ${x.workload}` === row && `${x.host}:${x.backend}` === col,
      );
      return r ? cell(r) : '';
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const render = (cells: string[]): string =>
    cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  return [render(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(render)].join(
    '\n',
  );
}
