/** What the experiment charts plot, read straight from the engine's results. Pure. */
import type { ExperimentResult } from '../../engine/experimentTypes';
import { ATTACK_NAMES } from '../../shared/vocabulary';

export interface LineSeries {
  name: string;
  /** [x, y] in plotting order */
  points: Array<[number, number]>;
}

export interface LineChartData {
  kind: 'lines';
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
}

export interface MatrixChartData {
  kind: 'matrix';
  title: string;
  rowLabel: string;
  columnLabel: string;
  labels: string[];
  /** labels.length^2 values in [0, 1], row-major (row = source) */
  values: number[];
}

export type ExperimentChartData = LineChartData | MatrixChartData;

/**
 * The chart for a result, or null when a table says it all. Attack: error against eps per model,
 * with the clean error at eps = 0 (an eps-0 attack leaves every image as it is).
 */
export function chartOf(r: ExperimentResult): ExperimentChartData | null {
  switch (r.kind) {
    case 'attack': {
      const models = [...new Set(r.rows.map((row) => row.modelId))];
      return {
        kind: 'lines',
        title: `Error rate against ε (${ATTACK_NAMES[r.attack.mode]})`,
        xLabel: 'ε (pixel units, [0, 1])',
        yLabel: 'error rate',
        series: models.map((id) => {
          const rows = r.rows.filter((row) => row.modelId === id);
          const points: Array<[number, number]> = rows.map((row) => [row.eps, row.errorRate]);
          if (!rows.some((row) => row.eps === 0)) points.push([0, rows[0]?.cleanErrorRate ?? 0]);
          return { name: id, points: points.sort((a, b) => a[0] - b[0]) };
        }),
      };
    }
    case 'transfer':
      return {
        kind: 'matrix',
        title: `Transfer: error rate (${ATTACK_NAMES[r.attack.mode]}, ε = ${r.eps})`,
        rowLabel: 'examples made on',
        columnLabel: 'measured on',
        labels: [...r.models],
        values: r.models.flatMap((s) =>
          r.models.map(
            (t) => r.cells.find((c) => c.source === s && c.target === t)?.errorRate ?? 0,
          ),
        ),
      };
    case 'fooling':
      return {
        kind: 'lines',
        title: `Fooling images: success rate against steps (${r.modelId})`,
        xLabel: 'steps',
        yLabel: 'share with p(target) > 0.5',
        series: r.rows.map((row) => ({
          name: `class ${row.targetClass}`,
          points: row.successByStep.map((v, k): [number, number] => [k, v]),
        })),
      };
    default:
      return null;
  }
}
