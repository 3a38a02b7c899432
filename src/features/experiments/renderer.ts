/**
 * The Experiments charts, d3 on SVG: lines (error against eps per model, fooling success against
 * steps per class) or a matrix heatmap (transfer error, row = where the examples were made).
 * Knows nothing of React, the store or tfjs; plots the numbers it is given as they are.
 */
import * as d3 from 'd3';
import { categoricalColor, rgbToHex } from '../../shared/colormaps';
import type { ExperimentChartData, LineChartData, MatrixChartData } from './chartData';

export interface ExperimentChartOptions {
  /** plot height in CSS pixels, axes included */
  height?: number;
}

const MARGIN = { top: 28, right: 150, bottom: 44, left: 56 };
/** width of one character of a 12 px label, generously: labels are never cut */
const CHAR_WIDTH = 7.5;
/** column labels rise at 45 degrees */
const SLANT = Math.PI / 4;
/** room right of the matrix for its colour legend */
const LEGEND_WIDTH = 80;
let gradientCounter = 0;
const percent = d3.format('.0%');
const percentFine = d3.format('.1%');

type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;

export class ExperimentChartRenderer {
  private readonly svg: Svg;
  private readonly resizeObserver: ResizeObserver;
  private readonly height: number;
  private data: ExperimentChartData | null = null;

  constructor(
    private readonly el: HTMLElement,
    options: ExperimentChartOptions = {},
  ) {
    this.height = options.height ?? 300;
    this.svg = d3
      .select(el)
      .append('svg')
      .attr('class', 'ae-experiment-chart')
      .attr('role', 'img')
      .attr('data-testid', 'experiment-chart');
    this.resizeObserver = new ResizeObserver(() => this.draw());
    this.resizeObserver.observe(el);
  }

  update(data: ExperimentChartData | null): void {
    this.data = data;
    this.draw();
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.svg.remove();
  }

  private draw(): void {
    const data = this.data;
    this.svg.selectAll('*').remove();
    if (!data) {
      this.svg.attr('height', 0);
      return;
    }
    const width = Math.max(320, this.el.clientWidth || 640);
    this.svg
      .attr('width', width)
      .attr('height', this.height)
      .attr('viewBox', `0 0 ${width} ${this.height}`)
      .attr('aria-label', data.title);
    this.svg
      .append('text')
      .attr('x', MARGIN.left)
      .attr('y', 16)
      .attr('class', 'ae-chart-title')
      .text(data.title);
    if (data.kind === 'lines') this.drawLines(data, width);
    else this.drawMatrix(data, width);
  }

  private drawLines(data: LineChartData, width: number): void {
    const all = data.series.flatMap((s) => s.points);
    const [x0, x1] = d3.extent(all, (p) => p[0]) as [number, number];
    const x = d3
      .scaleLinear()
      .domain([x0 ?? 0, x1 === x0 ? (x0 ?? 0) + 1 : (x1 ?? 1)])
      .range([MARGIN.left, width - MARGIN.right]);
    const y = d3
      .scaleLinear()
      .domain([0, 1])
      .range([this.height - MARGIN.bottom, MARGIN.top]);
    const plot = this.svg.append('g');
    plot
      .append('g')
      .attr('transform', `translate(0,${this.height - MARGIN.bottom})`)
      .call(d3.axisBottom(x).ticks(8));
    plot
      .append('g')
      .attr('transform', `translate(${MARGIN.left},0)`)
      .call(
        d3
          .axisLeft(y)
          .ticks(5)
          .tickFormat((v) => percent(Number(v))),
      );
    plot
      .append('text')
      .attr('x', (MARGIN.left + width - MARGIN.right) / 2)
      .attr('y', this.height - 8)
      .attr('text-anchor', 'middle')
      .attr('class', 'ae-axis-label')
      .text(data.xLabel);
    plot
      .append('text')
      .attr(
        'transform',
        `translate(14,${(this.height - MARGIN.bottom + MARGIN.top) / 2}) rotate(-90)`,
      )
      .attr('text-anchor', 'middle')
      .attr('class', 'ae-axis-label')
      .text(data.yLabel);
    const line = d3
      .line<[number, number]>()
      .x((p) => x(p[0]))
      .y((p) => y(p[1]));
    data.series.forEach((s, i) => {
      const colour = rgbToHex(categoricalColor(i));
      const g = plot.append('g').attr('data-series', s.name);
      g.append('path')
        .attr('d', line(s.points) ?? '')
        .attr('fill', 'none')
        .attr('stroke', colour)
        .attr('stroke-width', 2);
      g.selectAll('circle')
        .data(s.points)
        .join('circle')
        .attr('cx', (p) => x(p[0]))
        .attr('cy', (p) => y(p[1]))
        .attr('r', 3.5)
        .attr('fill', colour)
        .append('title')
        .text((p) => `${s.name}: ${data.xLabel} ${p[0]}, ${data.yLabel} ${percentFine(p[1])}`);
      const legend = plot
        .append('g')
        .attr('transform', `translate(${width - MARGIN.right + 12},${MARGIN.top + i * 18})`);
      legend.append('rect').attr('width', 12).attr('height', 3).attr('y', 5).attr('fill', colour);
      legend
        .append('text')
        .attr('x', 18)
        .attr('y', 10)
        .attr('class', 'ae-legend-label')
        .text(s.name);
    });
  }

  private drawMatrix(data: MatrixChartData, width: number): void {
    const n = data.labels.length;
    // room for the longest id in full: left of the rows, and above the slanted column labels
    const textWidth = Math.max(...data.labels.map((l) => l.length), 4) * CHAR_WIDTH;
    const left = Math.ceil(textWidth + 12);
    const top = MARGIN.top + 24 + Math.ceil(textWidth * Math.sin(SLANT));
    const size = Math.max(24, Math.min((width - left - LEGEND_WIDTH) / n, 72));
    const height = top + n * size + 12;
    this.svg.attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const colour = d3.scaleSequential(d3.interpolateBlues).domain([0, 1]);
    const g = this.svg.append('g');
    g.append('text')
      .attr('x', left)
      .attr('y', MARGIN.top + 10)
      .attr('class', 'ae-axis-label')
      .text(`${data.columnLabel} \u2192`);
    // under the slanted column labels, above the row labels
    g.append('text')
      .attr('x', 4)
      .attr('y', top - 8)
      .attr('class', 'ae-axis-label')
      .text(`${data.rowLabel} \u2193`);
    data.labels.forEach((label, i) => {
      g.append('text')
        .attr('transform', `translate(${left + (i + 0.5) * size},${top - 6}) rotate(-45)`)
        .attr('class', 'ae-legend-label')
        .attr('data-column-label', '')
        .text(label);
      g.append('text')
        .attr('x', left - 6)
        .attr('y', top + (i + 0.5) * size + 4)
        .attr('text-anchor', 'end')
        .attr('class', 'ae-legend-label')
        .attr('data-row-label', '')
        .text(label);
    });
    data.values.forEach((v, k) => {
      const row = Math.floor(k / n);
      const col = k % n;
      const cell = g
        .append('g')
        .attr('transform', `translate(${left + col * size},${top + row * size})`)
        .attr('data-cell', `${row},${col}`);
      cell
        .append('rect')
        .attr('width', size - 2)
        .attr('height', size - 2)
        .attr('fill', colour(v));
      cell
        .append('text')
        .attr('x', (size - 2) / 2)
        .attr('y', (size - 2) / 2 + 4)
        .attr('text-anchor', 'middle')
        .style('fill', v > 0.55 ? 'white' : 'black')
        .attr('class', 'ae-matrix-value')
        .text(percentFine(v));
      cell
        .append('title')
        .text(`${data.labels[row]} \u2192 ${data.labels[col]}: ${percentFine(v)}`);
    });
    this.drawColourLegend(g, colour, left + n * size + 24, top, n * size);
  }

  /** A vertical bar from 0% (bottom) to 100% (top) in the cells' colours. */
  private drawColourLegend(
    g: d3.Selection<SVGGElement, unknown, null, undefined>,
    colour: (v: number) => string,
    x: number,
    y: number,
    height: number,
  ): void {
    const id = `ae-matrix-gradient-${++gradientCounter}`;
    const stops = d3.range(0, 1.0001, 0.125);
    const gradient = g
      .append('defs')
      .append('linearGradient')
      .attr('id', id)
      .attr('x1', 0)
      .attr('x2', 0)
      .attr('y1', 1)
      .attr('y2', 0);
    gradient
      .selectAll('stop')
      .data(stops)
      .join('stop')
      .attr('offset', (v) => `${v * 100}%`)
      .attr('stop-color', (v) => colour(v));
    const legend = g
      .append('g')
      .attr('transform', `translate(${x},${y})`)
      .attr('data-testid', 'experiment-matrix-legend');
    legend
      .append('rect')
      .attr('width', 12)
      .attr('height', height)
      .attr('fill', `url(#${id})`)
      .attr('stroke', 'currentColor')
      .attr('stroke-opacity', 0.3);
    for (const v of [0, 0.5, 1]) {
      legend
        .append('text')
        .attr('x', 16)
        .attr('y', height * (1 - v) + 4)
        .attr('class', 'ae-legend-tick')
        .text(percent(v));
    }
    legend
      .append('title')
      .text('error rate: the colour of a cell, from 0% (white) to 100% (dark blue)');
  }
}
