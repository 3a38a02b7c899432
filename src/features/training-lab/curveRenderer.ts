/**
 * A live chart of the lab's curves, d3 on SVG: values against epochs, the x axis fixed to the
 * run's length so the lines grow from left to right as training goes on. Built once per layout
 * (size, run length, scale, lines); a live update (2-3 a second) only moves the lines and the
 * legend's values, so the browser restyles and repaints that much and not the whole chart.
 * Knows nothing of React, the store or tfjs.
 */
import * as d3 from 'd3';
import type { CurveChartData } from './curves';

export interface CurveChartOptions {
  /** plot height in CSS pixels, axes included */
  height?: number;
  testId?: string;
}

const MARGIN = { top: 28, right: 220, bottom: 40, left: 52 };
const percent = d3.format('.0%');

type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;

interface BuiltChart {
  /** the layout: a change of any part rebuilds the chart */
  key: string;
  line: d3.Line<[number, number]>;
  series: { group: SVGGElement; path: SVGPathElement; label: SVGTextElement }[];
}

/** The legend's text for a line: its name and latest value. */
function legendText(data: CurveChartData, points: readonly [number, number][], name: string) {
  const last = points[points.length - 1];
  if (last === undefined) return name;
  const value = data.yKind === 'percent' ? `${(100 * last[1]).toFixed(1)}%` : last[1].toFixed(3);
  return `${name} ${value}`;
}

export class CurveChartRenderer {
  private readonly svg: Svg;
  private readonly resizeObserver: ResizeObserver;
  private readonly height: number;
  private data: CurveChartData | null = null;
  /** the host's width, as the resize observer last saw it (null: not yet) */
  private width: number | null = null;
  /** what the chart was built for, and the elements a live update changes */
  private built: BuiltChart | null = null;

  constructor(
    private readonly el: HTMLElement,
    options: CurveChartOptions = {},
  ) {
    this.height = options.height ?? 240;
    this.svg = d3
      .select(el)
      .append('svg')
      .attr('class', 'ae-lab-chart')
      .attr('role', 'img')
      .attr('data-testid', options.testId ?? 'lab-chart');
    // the width comes from the observer: reading clientWidth in draw() would force a layout of
    // the page on every live update, right after the chart's own DOM changes
    this.resizeObserver = new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width;
      if (width === undefined || Math.floor(width) === this.width) return;
      this.width = Math.floor(width);
      this.draw();
    });
    this.resizeObserver.observe(el);
  }

  update(data: CurveChartData | null): void {
    this.data = data;
    this.draw();
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.svg.remove();
  }

  private draw(): void {
    const data = this.data;
    if (!data) {
      this.built = null;
      this.svg.selectAll('*').remove();
      this.svg.attr('height', 0);
      return;
    }
    const width = Math.max(320, this.width || 480);
    const top =
      data.yKind === 'percent'
        ? 1
        : Math.max(1e-3, ...data.series.flatMap((s) => s.points.map((p) => p[1]))) * 1.05;
    const key = JSON.stringify([
      width,
      this.height,
      data.title,
      data.yLabel,
      data.yKind,
      data.epochs,
      top,
      data.series.map((s) => [s.name, s.colour, s.dashed]),
    ]);
    if (this.built?.key !== key) this.built = this.build(data, width, top, key);
    const built = this.built;
    data.series.forEach((s, i) => {
      const drawn = built.series[i];
      if (!drawn) return;
      drawn.group.setAttribute('data-points', String(s.points.length));
      drawn.path.setAttribute('d', built.line(s.points) ?? '');
      drawn.label.textContent = legendText(data, s.points, s.name);
    });
  }

  /** The chart's frame, axes, labels and one empty line and legend entry per series. */
  private build(data: CurveChartData, width: number, top: number, key: string): BuiltChart {
    this.svg.selectAll('*').remove();
    const h = this.height;
    this.svg
      .attr('width', width)
      .attr('height', h)
      .attr('viewBox', `0 0 ${width} ${h}`)
      .attr('aria-label', data.title);
    this.svg
      .append('text')
      .attr('x', MARGIN.left)
      .attr('y', 16)
      .attr('class', 'ae-chart-title')
      .text(data.title);
    const x = d3
      .scaleLinear()
      .domain([0, data.epochs])
      .range([MARGIN.left, width - MARGIN.right]);
    const y = d3
      .scaleLinear()
      .domain([0, top])
      .range([h - MARGIN.bottom, MARGIN.top]);
    const plot = this.svg.append('g');
    plot
      .append('g')
      .attr('transform', `translate(0,${h - MARGIN.bottom})`)
      .call(d3.axisBottom(x).ticks(Math.min(10, data.epochs * 4)));
    const yAxis = d3.axisLeft(y).ticks(5);
    if (data.yKind === 'percent') yAxis.tickFormat((v) => percent(Number(v)));
    plot.append('g').attr('transform', `translate(${MARGIN.left},0)`).call(yAxis);
    plot
      .append('text')
      .attr('x', (MARGIN.left + width - MARGIN.right) / 2)
      .attr('y', h - 6)
      .attr('text-anchor', 'middle')
      .attr('class', 'ae-axis-label')
      .text('epochs');
    plot
      .append('text')
      .attr('transform', `translate(14,${(h - MARGIN.bottom + MARGIN.top) / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .attr('class', 'ae-axis-label')
      .text(data.yLabel);
    const line = d3
      .line<[number, number]>()
      .x((p) => x(p[0]))
      .y((p) => y(Math.min(top, p[1])));
    const series = data.series.map((s, i) => {
      const group = plot.append('g').attr('data-series', s.name);
      const path = group
        .append('path')
        .attr('fill', 'none')
        .attr('stroke', s.colour)
        .attr('stroke-width', 2)
        .attr('stroke-dasharray', s.dashed ? '5 4' : null);
      const legend = plot
        .append('g')
        .attr('transform', `translate(${width - MARGIN.right + 12},${MARGIN.top + i * 18})`);
      legend
        .append('line')
        .attr('x1', 0)
        .attr('x2', 18)
        .attr('y1', 6)
        .attr('y2', 6)
        .attr('stroke', s.colour)
        .attr('stroke-width', 2)
        .attr('stroke-dasharray', s.dashed ? '5 4' : null);
      const label = legend
        .append('text')
        .attr('x', 24)
        .attr('y', 10)
        .attr('class', 'ae-legend-label');
      return { group: group.node()!, path: path.node()!, label: label.node()! };
    });
    return { key, line, series };
  }
}
