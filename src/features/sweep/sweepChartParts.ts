/**
 * The static parts of the eps-sweep chart, drawn once per render: grid and axes, one line per
 * class (true class thicker, on top) and the legend. The hover and tooltip are renderer.ts's.
 */
import * as d3 from 'd3';
import { categoricalColor, rgbToHex } from '../../shared/colormaps';
import { formatFloat32 } from '../../shared/csv';
import type { ImageData01, SweepResult } from '../../engine/api';
import { classSeries, type SweepMode } from './sweepData';

export interface SweepChartData {
  result: SweepResult;
  mode: SweepMode;
  classNames: readonly string[];
  trueLabel: number | null;
  /** classes to draw (see plottedClasses) */
  classes: readonly number[];
  /** the clean image, to show x + eps * d in the tooltip */
  image: ImageData01 | null;
}

export const SWEEP_X_LABEL = 'eps (along sign of the loss gradient)';
export const Y_LABEL: Record<SweepMode, string> = { logits: 'logit', probabilities: 'probability' };
const LINE_WIDTH = 1.5;
const TRUE_LINE_WIDTH = 3.5;
export const LEGEND_ROW = 18;
export const MAX_LABEL_CHARS = 22;

function shortLabel(name: string): string {
  return name.length > MAX_LABEL_CHARS ? `${name.slice(0, MAX_LABEL_CHARS - 1)}…` : name;
}

export function legendLabel(
  classNames: readonly string[],
  cls: number,
  trueLabel: number | null,
): string {
  return shortLabel(className(classNames, cls)) + (cls === trueLabel ? ' (true)' : '');
}

export function className(classNames: readonly string[], cls: number): string {
  return classNames[cls] ?? `class ${cls}`;
}

type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;
type Group = d3.Selection<SVGGElement, unknown, null, undefined>;
type Scale = d3.ScaleLinear<number, number>;

/** Horizontal grid lines, the dashed eps = 0 line, both axes and their labels. */
export function drawAxes(
  plot: Group,
  x: Scale,
  y: Scale,
  plotWidth: number,
  plotHeight: number,
  mode: SweepMode,
): void {
  const yTicks = y.ticks(Math.max(2, Math.floor(plotHeight / 40)));
  plot
    .append('g')
    .attr('class', 'sweep-grid')
    .selectAll('line')
    .data(yTicks)
    .join('line')
    .attr('x1', 0)
    .attr('x2', plotWidth)
    .attr('y1', (d) => y(d))
    .attr('y2', (d) => y(d))
    .attr('stroke', 'currentColor')
    .attr('stroke-opacity', 0.12);
  if (x.domain()[0]! < 0 && x.domain()[1]! > 0) {
    plot
      .append('line')
      .attr('class', 'sweep-zero')
      .attr('x1', x(0))
      .attr('x2', x(0))
      .attr('y1', 0)
      .attr('y2', plotHeight)
      .attr('stroke', 'currentColor')
      .attr('stroke-opacity', 0.4)
      .attr('stroke-dasharray', '4 3');
  }
  plot
    .append('g')
    .attr('class', 'sweep-axis-x')
    .attr('transform', `translate(0,${plotHeight})`)
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(plotWidth / 70))));
  plot.append('g').attr('class', 'sweep-axis-y').call(d3.axisLeft(y).ticks(yTicks.length));
  plot
    .append('text')
    .attr('x', plotWidth / 2)
    .attr('y', plotHeight + 38)
    .attr('text-anchor', 'middle')
    .attr('fill', 'currentColor')
    .text(SWEEP_X_LABEL);
  plot
    .append('text')
    .attr('transform', `translate(${-44},${plotHeight / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', 'currentColor')
    .text(Y_LABEL[mode]);
}

/** One path per class, with its values in data attributes (what tests and exports read). */
export function drawClassLines(plot: Group, data: SweepChartData, x: Scale, y: Scale): void {
  const { result, mode, trueLabel, classes } = data;
  // true class last, so it is drawn on top
  const order = [...classes].sort((a, b) => Number(a === trueLabel) - Number(b === trueLabel));
  const line = d3
    .line<number>()
    .defined((v) => Number.isFinite(v))
    .x((_, i) => x(result.eps[i] ?? 0))
    .y((v) => y(v));
  const lines = plot.append('g').attr('class', 'sweep-lines').attr('fill', 'none');
  for (const cls of order) {
    const values = classSeries(result, mode, cls);
    const isTrue = cls === trueLabel;
    lines
      .append('path')
      .attr('data-testid', `sweep-line-${cls}`)
      .attr('data-class', cls)
      .attr('data-values', Array.from(values, formatFloat32).join(','))
      .attr('class', isTrue ? 'sweep-line sweep-line--true' : 'sweep-line')
      .attr('stroke', rgbToHex(categoricalColor(cls)))
      .attr('stroke-width', isTrue ? TRUE_LINE_WIDTH : LINE_WIDTH)
      .attr('stroke-linejoin', 'round')
      .attr('d', line(Array.from(values)));
  }
}

export interface LegendLayout {
  itemWidth: number;
  columns: number;
  /** top left corner in the SVG */
  x: number;
  y: number;
}

export function drawLegend(svg: Svg, data: SweepChartData, layout: LegendLayout): void {
  const { classNames, trueLabel, classes } = data;
  const legend = svg
    .append('g')
    .attr('data-testid', 'sweep-legend')
    .attr('transform', `translate(${layout.x},${layout.y})`);
  classes.forEach((cls, i) => {
    const column = i % layout.columns;
    const row = Math.floor(i / layout.columns);
    const isTrue = cls === trueLabel;
    const item = legend
      .append('g')
      .attr('data-testid', `sweep-legend-${cls}`)
      .attr('transform', `translate(${column * layout.itemWidth},${row * LEGEND_ROW})`);
    item
      .append('line')
      .attr('x1', 0)
      .attr('x2', 22)
      .attr('y1', 6)
      .attr('y2', 6)
      .attr('stroke', rgbToHex(categoricalColor(cls)))
      .attr('stroke-width', isTrue ? TRUE_LINE_WIDTH : LINE_WIDTH + 1);
    item
      .append('text')
      .attr('x', 28)
      .attr('y', 10)
      .attr('fill', 'currentColor')
      .attr('font-weight', isTrue ? 700 : 400)
      .text(legendLabel(classNames, cls, trueLabel))
      .append('title')
      .text(className(classNames, cls));
  });
}
