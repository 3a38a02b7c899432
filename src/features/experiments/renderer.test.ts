// @vitest-environment happy-dom
/**
 * The Experiments charts as a reader sees them: error rate against eps with x growing to the
 * right and 0% at the bottom, each point where the axes read its numbers, a legend naming each
 * model in its line's colour; the transfer matrix with each cell's number in its row and column.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { categoricalColor, rgbToHex } from '../../shared/colormaps';
import { axisScale, axisTicks, translation } from '../../ui/testing/readSvg';
import type { LineChartData, MatrixChartData } from './chartData';
import { ExperimentChartRenderer } from './renderer';

const lines: LineChartData = {
  kind: 'lines',
  title: 'Error rate against eps (fgsm)',
  xLabel: 'eps',
  yLabel: 'error rate',
  series: [
    {
      name: 'mnist-softmax',
      points: [
        [0, 0.1],
        [0.1, 0.5],
        [0.25, 0.9],
      ],
    },
    {
      name: 'mnist-maxout',
      points: [
        [0, 0.02],
        [0.1, 0.2],
        [0.25, 0.4],
      ],
    },
  ],
};

const matrix: MatrixChartData = {
  kind: 'matrix',
  title: 'Transfer: error rate (fgsm, eps 0.25)',
  rowLabel: 'examples made on',
  columnLabel: 'measured on',
  labels: ['A', 'B', 'C'],
  values: [0.9, 0.3, 0.2, 0.4, 0.8, 0.1, 0.25, 0.15, 0.7],
};

let host: HTMLElement;
let chart: ExperimentChartRenderer;

beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  chart = new ExperimentChartRenderer(host, { height: 300 });
});

afterEach(() => {
  chart.destroy();
  host.remove();
});

function svg(): SVGSVGElement {
  const el = host.querySelector<SVGSVGElement>('[data-testid="experiment-chart"]');
  if (!el) throw new Error('no chart');
  return el;
}

/** The line chart's two axes (the x axis is only moved down, the y axis only right), whose
 * ticks sit in the chart's coordinates along their axis, as the points do. */
function lineAxes() {
  const groups = Array.from(svg().querySelectorAll('g > g')).filter((g) =>
    g.querySelector(':scope > .tick'),
  );
  const x = groups.find((g) => translation(g)[0] === 0);
  const y = groups.find((g) => translation(g)[1] === 0);
  if (!x || !y) throw new Error('no axes');
  return { x: axisTicks(x, 'x'), y: axisTicks(y, 'y') };
}

describe('experiment line chart', () => {
  beforeEach(() => chart.update(lines));

  it('eps grows to the right, the error rate upwards from 0% to 100%', () => {
    const { x, y } = lineAxes();
    for (let i = 1; i < x.length; i++) {
      expect(x[i]!.value).toBeGreaterThan(x[i - 1]!.value);
      expect(x[i]!.at).toBeGreaterThan(x[i - 1]!.at);
    }
    expect(y[0]?.value).toBe(0);
    expect(y.at(-1)?.value).toBe(1);
    expect(y[0]!.at, '0% below 100%').toBeGreaterThan(y.at(-1)!.at);
  });

  it('every point is where the axes read its eps and error rate', () => {
    const { x, y } = lineAxes();
    const px = axisScale(x);
    const py = axisScale(y);
    lines.series.forEach((series) => {
      const circles = Array.from(svg().querySelectorAll(`[data-series="${series.name}"] circle`));
      expect(circles.length).toBe(series.points.length);
      circles.forEach((c, i) => {
        const [eps, rate] = series.points[i]!;
        // d3 draws ticks half a pixel off, for crisp lines
        expect(Math.abs(Number(c.getAttribute('cx')) - px(eps)), `${series.name} eps`).toBeLessThan(
          1,
        );
        expect(
          Math.abs(Number(c.getAttribute('cy')) - py(rate)),
          `${series.name} rate`,
        ).toBeLessThan(1);
      });
      expect(circles[1]?.querySelector('title')?.textContent).toBe(
        `${series.name}: eps 0.1, error rate ${(series.points[1]![1] * 100).toFixed(1)}%`,
      );
    });
  });

  it("names each model in its line's colour, one colour per model", () => {
    const labels = Array.from(svg().querySelectorAll('.ae-legend-label'));
    expect(labels.map((l) => l.textContent)).toEqual(['mnist-softmax', 'mnist-maxout']);
    const colours = labels.map((label, i) => {
      const swatch = label.parentElement?.querySelector('rect')?.getAttribute('fill');
      const stroke = svg()
        .querySelector(`[data-series="${lines.series[i]!.name}"] path`)
        ?.getAttribute('stroke');
      expect(swatch).toBe(stroke);
      expect(stroke).toBe(rgbToHex(categoricalColor(i)));
      return stroke;
    });
    expect(new Set(colours).size).toBe(2);
    expect(svg().querySelector('.ae-chart-title')?.textContent).toBe(lines.title);
    expect(svg().getAttribute('aria-label')).toBe(lines.title);
  });
});

describe('experiment transfer matrix', () => {
  beforeEach(() => chart.update(matrix));

  it('shows each value in its row (made on) and column (measured on)', () => {
    const n = matrix.labels.length;
    const cells = Array.from(svg().querySelectorAll('[data-cell]'));
    expect(cells.length).toBe(n * n);
    for (const cell of cells) {
      const [row, col] = (cell.getAttribute('data-cell') ?? '').split(',').map(Number);
      const value = matrix.values[row! * n + col!]!;
      expect(cell.querySelector('text')?.textContent).toBe(`${(value * 100).toFixed(1)}%`);
      expect(cell.querySelector('title')?.textContent).toBe(
        `${matrix.labels[row!]} → ${matrix.labels[col!]}: ${(value * 100).toFixed(1)}%`,
      );
    }
    const at = (row: number, col: number) =>
      translation(svg().querySelector(`[data-cell="${row},${col}"]`) as Element);
    expect(at(0, 1)[0], 'columns left to right').toBeGreaterThan(at(0, 0)[0]);
    expect(at(1, 0)[1], 'rows top to bottom').toBeGreaterThan(at(0, 0)[1]);
    expect(at(0, 1)[1]).toBe(at(0, 0)[1]);
  });

  it('labels rows down the left and columns along the top, in order', () => {
    const rowLabels = Array.from(svg().querySelectorAll('[data-row-label]'));
    const columnLabels = Array.from(svg().querySelectorAll('[data-column-label]'));
    expect(rowLabels.map((l) => l.textContent)).toEqual(['A', 'B', 'C']);
    expect(columnLabels.map((l) => l.textContent)).toEqual(['A', 'B', 'C']);
    const ys = rowLabels.map((l) => Number(l.getAttribute('y')));
    const xs = columnLabels.map((l) => translation(l)[0]);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    const axisLabels = Array.from(svg().querySelectorAll('.ae-axis-label'), (l) => l.textContent);
    expect(axisLabels).toEqual(['measured on →', 'examples made on ↓']);
  });

  it("has a colour legend from 0% to 100% in the cells' colours", () => {
    const legend = svg().querySelector('[data-testid="experiment-matrix-legend"]');
    expect(legend).not.toBeNull();
    const ticks = Array.from(legend!.querySelectorAll('text'), (t) => t.textContent);
    expect(ticks).toEqual(['0%', '50%', '100%']);
    const stops = Array.from(svg().querySelectorAll('linearGradient stop'));
    const fills = Array.from(svg().querySelectorAll('[data-cell] rect'), (r) =>
      r.getAttribute('fill'),
    );
    // the lightest and darkest stops are the colours of 0% and 100%
    const cellOf = (v: number) => fills[matrix.values.indexOf(v)];
    expect(stops.length).toBeGreaterThanOrEqual(2);
    expect(cellOf(0.9)).not.toBe(cellOf(0.1));
  });

  it('writes long model ids in full, with room for them', () => {
    const labels = ['mnist-maxout', 'mnist-maxout-adv-masked', 'mnist-maxout-ensemble'];
    chart.update({ ...matrix, labels });
    const columns = Array.from(svg().querySelectorAll('[data-column-label]'), (l) => l.textContent);
    const rows = Array.from(svg().querySelectorAll('[data-row-label]'));
    expect(columns).toEqual(labels);
    expect(rows.map((l) => l.textContent)).toEqual(labels);
    // about 6.5 px per character at 12 px: row labels end left of the cells, inside the chart
    const longest = Math.max(...labels.map((l) => l.length));
    const rowEnd = Number(rows[0]!.getAttribute('x'));
    expect(rowEnd).toBeGreaterThanOrEqual(longest * 6.5);
    // the slanted column labels rise above the cells without leaving the chart
    const firstCellTop = translation(svg().querySelector('[data-cell="0,0"]') as Element)[1];
    expect(firstCellTop).toBeGreaterThanOrEqual(longest * 6.5 * Math.sin(Math.PI / 4));
    expect(Number(svg().getAttribute('height'))).toBeGreaterThan(firstCellTop + 3 * 24);
  });
});
