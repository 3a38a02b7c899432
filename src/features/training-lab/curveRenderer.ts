/**
 * A live chart of the lab's curves, d3 on SVG: values against epochs, the x axis fixed to the
 * run's length so the lines grow from left to right as training goes on. Redrawn whole on every
 * update (a few times a second, a few hundred points). Knows nothing of React, the store or tfjs.
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

export class CurveChartRenderer {
  private readonly svg: Svg;
  private readonly resizeObserver: ResizeObserver;
  private readonly height: number;
  private data: CurveChartData | null = null;
  /** the host's width, as the resize observer last saw it (null: not yet) */
  private width: number | null = null;

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
    this.svg.selectAll('*').remove();
    if (!data) {
      this.svg.attr('height', 0);
      return;
    }
    const width = Math.max(320, this.width || 480);
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
    const top =
      data.yKind === 'percent'
        ? 1
        : Math.max(1e-3, ...data.series.flatMap((s) => s.points.map((p) => p[1]))) * 1.05;
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
    data.series.forEach((s, i) => {
      const g = plot.append('g').attr('data-series', s.name).attr('data-points', s.points.length);
      g.append('path')
        .attr('d', line(s.points) ?? '')
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
      const last = s.points[s.points.length - 1];
      const value =
        last === undefined
          ? ''
          : data.yKind === 'percent'
            ? ` ${(100 * last[1]).toFixed(1)}%`
            : ` ${last[1].toFixed(3)}`;
      legend
        .append('text')
        .attr('x', 24)
        .attr('y', 10)
        .attr('class', 'ae-legend-label')
        .text(`${s.name}${value}`);
    });
  }
}
