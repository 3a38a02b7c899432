/**
 * The eps-sweep chart (paper Fig. 4): layout, resizing, keyboard and pointer hover, and the hover
 * rule with a tooltip showing the predicted class and the perturbed input; the axes, class lines
 * and legend are drawn by sweepChartParts.ts. d3 on SVG; knows nothing of React, the store or
 * tfjs. Every plotted number comes from the SweepResult as is.
 */
import * as d3 from 'd3';
import type { ImageData01 } from '../../engine/api';
import { categoricalColor, imageToRgba, rgbToHex } from '../../shared/colormaps';
import { formatFloat32 } from '../../shared/csv';
import { sweepImage } from '../../shared/perturb';
import {
  className,
  drawAxes,
  drawClassLines,
  drawLegend,
  LEGEND_ROW,
  legendLabel,
  MAX_LABEL_CHARS,
  Y_LABEL,
  type SweepChartData,
} from './sweepChartParts';
import { describeSweep, nearestIndex, valueExtent } from './sweepData';

export type { SweepChartData } from './sweepChartParts';

export interface SweepChartOptions {
  /** height of the plot area with its axes, in CSS pixels (the legend may add more) */
  height?: number;
  /** called with the hovered grid index (mouse or arrow keys), null when the hover ends */
  onHover?: (index: number | null, fromKeyboard: boolean) => void;
}

type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;
type Group = d3.Selection<SVGGElement, unknown, null, undefined>;

export class SweepChartRenderer {
  private readonly root: HTMLDivElement;
  private readonly svg: Svg;
  private readonly tooltip: HTMLDivElement;
  private readonly tooltipText: HTMLDivElement;
  private readonly tooltipCanvas: HTMLCanvasElement;
  private readonly resizeObserver: ResizeObserver;
  private readonly plotHeight: number;
  private data: SweepChartData | null = null;
  private width = 0;
  private hoverIndex: number | null = null;
  private hoverLayer: Group | null = null;
  private xScale: d3.ScaleLinear<number, number> | null = null;
  private yScale: d3.ScaleLinear<number, number> | null = null;
  private marginLeft = 0;
  private marginTop = 0;

  constructor(
    el: HTMLElement,
    private readonly opts: SweepChartOptions = {},
  ) {
    this.plotHeight = opts.height ?? 320;
    this.root = document.createElement('div');
    this.root.className = 'sweep-chart';
    this.root.tabIndex = 0;
    this.root.setAttribute('role', 'group');
    this.root.setAttribute(
      'aria-label',
      'eps-sweep chart. Left and right arrow keys step through eps, Home and End jump to the ends.',
    );
    el.appendChild(this.root);

    this.svg = d3
      .select(this.root)
      .append('svg')
      .attr('data-testid', 'sweep-chart')
      .attr('role', 'img')
      .attr('font-size', 12)
      .attr('font-family', 'system-ui, sans-serif');

    this.tooltip = document.createElement('div');
    this.tooltip.className = 'sweep-tooltip';
    this.tooltip.dataset.testid = 'sweep-tooltip';
    this.tooltip.dataset.exportIgnore = '';
    this.tooltip.setAttribute('aria-hidden', 'true');
    this.tooltip.hidden = true;
    this.tooltipText = document.createElement('div');
    this.tooltipCanvas = document.createElement('canvas');
    this.tooltipCanvas.dataset.testid = 'sweep-tooltip-image';
    this.tooltip.append(this.tooltipText, this.tooltipCanvas);
    this.root.appendChild(this.tooltip);

    this.root.addEventListener('keydown', this.onKeyDown);
    this.root.addEventListener('blur', this.onBlur);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(this.root);
    this.resize();
  }

  update(data: SweepChartData | null): void {
    this.data = data;
    const n = data?.result.eps.length ?? 0;
    if (this.hoverIndex !== null && this.hoverIndex >= n) this.hoverIndex = null;
    this.render();
  }

  /** Shows the hover rule and tooltip at grid index `index` (null hides them). */
  setHover(index: number | null, fromKeyboard = false): void {
    this.hoverIndex = index;
    this.drawHover();
    this.opts.onHover?.(index, fromKeyboard);
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.root.removeEventListener('keydown', this.onKeyDown);
    this.root.removeEventListener('blur', this.onBlur);
    this.root.remove();
  }

  private resize(): void {
    const width = Math.floor(this.root.clientWidth);
    if (width === this.width) return;
    this.width = width;
    this.render();
  }

  private readonly onBlur = (): void => {
    if (this.hoverIndex !== null) this.setHover(null);
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const n = this.data?.result.eps.length ?? 0;
    if (n === 0) return;
    const middle = nearestIndex(this.data?.result.eps ?? [], 0);
    const current = this.hoverIndex ?? middle;
    const step = event.shiftKey ? 10 : 1;
    let next: number | null;
    switch (event.key) {
      case 'ArrowLeft':
        next = this.hoverIndex === null ? middle : Math.max(0, current - step);
        break;
      case 'ArrowRight':
        next = this.hoverIndex === null ? middle : Math.min(n - 1, current + step);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = n - 1;
        break;
      case 'Escape':
        next = null;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.setHover(next, true);
  };

  private render(): void {
    const svg = this.svg;
    svg.selectAll('*').remove();
    this.hoverLayer = null;
    const data = this.data;
    const width = this.width;
    if (!data || width <= 0) {
      svg.attr('width', width).attr('height', 0).attr('aria-label', 'No eps-sweep computed yet');
      this.tooltip.hidden = true;
      return;
    }
    const { result, mode, classNames, trueLabel, classes } = data;
    svg.attr('aria-label', describeSweep(result, mode, classNames, trueLabel, classes.length));
    svg.attr('data-eps', Array.from(result.eps, formatFloat32).join(','));
    svg.attr('data-mode', mode);

    const labelChars = Math.min(
      MAX_LABEL_CHARS + 7,
      Math.max(4, ...classes.map((c) => legendLabel(classNames, c, trueLabel).length)),
    );
    const legendItemWidth = 34 + 7.2 * labelChars;
    const legendRight = width >= 560;
    const margin = {
      top: 12,
      right: legendRight ? legendItemWidth + 16 : 16,
      bottom: 46,
      left: 60,
    };
    const plotWidth = Math.max(40, width - margin.left - margin.right);
    const plotHeight = this.plotHeight - margin.top - margin.bottom;
    const legendColumns = legendRight ? 1 : Math.max(1, Math.floor((width - 16) / legendItemWidth));
    const legendRows = Math.ceil(classes.length / legendColumns);
    const height = this.plotHeight + (legendRight ? 0 : legendRows * LEGEND_ROW + 8);
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    this.marginLeft = margin.left;
    this.marginTop = margin.top;

    const n = result.eps.length;
    const x = d3
      .scaleLinear()
      .domain([result.eps[0] ?? -1, result.eps[n - 1] ?? 1])
      .range([0, plotWidth]);
    const y = d3
      .scaleLinear()
      .domain(valueExtent(result, mode, classes))
      .nice()
      .range([plotHeight, 0]);
    this.xScale = x;
    this.yScale = y;

    const plot = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
    drawAxes(plot, x, y, plotWidth, plotHeight, mode);
    drawClassLines(plot, data, x, y);
    drawLegend(svg, data, {
      itemWidth: legendItemWidth,
      columns: legendColumns,
      x: legendRight ? margin.left + plotWidth + 16 : 16,
      y: legendRight ? margin.top : this.plotHeight + 4,
    });

    this.hoverLayer = plot
      .append('g')
      .attr('class', 'sweep-hover')
      .attr('data-export-ignore', '')
      .attr('pointer-events', 'none');
    plot
      .append('rect')
      .attr('class', 'sweep-overlay')
      .attr('data-export-ignore', '')
      .attr('width', plotWidth)
      .attr('height', plotHeight)
      .attr('fill', 'transparent')
      .on('pointermove', (event: PointerEvent) => {
        const [mx] = d3.pointer(event);
        this.setHover(nearestIndex(result.eps, x.invert(mx)));
      })
      .on('pointerleave', () => this.setHover(null));
    this.drawHover();
  }

  private drawHover(): void {
    const layer = this.hoverLayer;
    const data = this.data;
    const x = this.xScale;
    const y = this.yScale;
    const index = this.hoverIndex;
    if (!layer || !data || !x || !y) return;
    layer.selectAll('*').remove();
    if (index === null) {
      this.tooltip.hidden = true;
      return;
    }
    const { result, mode, classNames, trueLabel, classes, image } = data;
    const eps = result.eps[index] ?? 0;
    const px = x(eps);
    const [y0, y1] = y.range();
    layer
      .append('line')
      .attr('data-testid', 'sweep-hover-rule')
      .attr('x1', px)
      .attr('x2', px)
      .attr('y1', y0 ?? 0)
      .attr('y2', y1 ?? 0)
      .attr('stroke', 'currentColor')
      .attr('stroke-opacity', 0.7);
    const values = mode === 'logits' ? result.logits : result.probabilities;
    const k = result.numClasses;
    for (const cls of classes) {
      const v = values[index * k + cls] ?? NaN;
      if (!Number.isFinite(v)) continue;
      layer
        .append('circle')
        .attr('cx', px)
        .attr('cy', y(v))
        .attr('r', cls === trueLabel ? 4 : 3)
        .attr('fill', rgbToHex(categoricalColor(cls)));
    }

    const predicted = result.predictedClass[index] ?? -1;
    const lines = [
      `eps = ${formatFloat32(eps)} (${(eps * 255).toFixed(1)}/255)`,
      `predicted: ${className(classNames, predicted)}`,
      `${Y_LABEL[mode]} of predicted: ${formatFloat32(values[index * k + predicted] ?? NaN)}`,
    ];
    if (trueLabel !== null) {
      lines.push(
        `${Y_LABEL[mode]} of true (${className(classNames, trueLabel)}): ${formatFloat32(
          values[index * k + trueLabel] ?? NaN,
        )}`,
      );
    }
    this.tooltipText.textContent = '';
    for (const text of lines) {
      const row = document.createElement('div');
      row.textContent = text;
      this.tooltipText.appendChild(row);
    }
    this.tooltip.dataset.index = String(index);
    this.tooltip.dataset.predicted = String(predicted);
    this.drawTooltipImage(image, result.direction, eps);
    this.tooltip.hidden = false;

    const tooltipWidth = this.tooltip.offsetWidth;
    const left = this.marginLeft + px + 14;
    this.tooltip.style.left = `${
      left + tooltipWidth > this.width
        ? Math.max(0, this.marginLeft + px - 14 - tooltipWidth)
        : left
    }px`;
    this.tooltip.style.top = `${this.marginTop + 4}px`;
  }

  private drawTooltipImage(image: ImageData01 | null, direction: Float32Array, eps: number): void {
    const canvas = this.tooltipCanvas;
    if (!image || direction.length !== image.data.length) {
      canvas.hidden = true;
      return;
    }
    // clipped to [0, 1] for display only; the plotted numbers are the engine's
    const perturbed = sweepImage(image, direction, eps, [0, 1]);
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(imageToRgba(perturbed), image.width, image.height), 0, 0);
    canvas.hidden = false;
  }
}
