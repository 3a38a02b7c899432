/**
 * One cross-section map (lecture): a canvas of the class at each grid cell (nearest-neighbour
 * upscaled, correct class white) under an SVG layer with the axes, a crosshair at the clean image,
 * the title and the cell cursor. Click or Enter on a cell reports it. Knows nothing of React, the
 * store or tfjs.
 */
import * as d3 from 'd3';
import { classMapToRgba } from '../../shared/colormaps';
import { cellEps } from '../../shared/crossSectionGrid';
import { formatFloat32 } from '../../shared/csv';
import type { MapHorizontal } from '../../shared/vocabulary';
import {
  axisPixel,
  cellFromPoint,
  centreClass,
  classesPresent,
  isComplete,
  PLANE_LABELS,
  type MapGrid,
} from './mapData';

export interface CrossSectionMapData {
  grid: MapGrid | null;
  epsMax: number;
  trueLabel: number;
  classNames: readonly string[];
  /** shown above the map, e.g. "#12 · true: 7" */
  title: string;
  /** fraction done while not final */
  progress: number;
  /** the plane's horizontal direction (absent: FGSM); the x axis says which */
  horizontal?: MapHorizontal;
}

export interface CrossSectionMapOptions {
  /** a finished map's cell was clicked or chosen with Enter */
  onCellClick?: (row: number, col: number, epsH: number, epsV: number) => void;
  /** the keyboard cursor moved (for a live region) */
  onCursor?: (description: string) => void;
}

/** both axes are eps in pixel units: the FGSM direction moves every pixel by ±1 per unit, the
 * random one (Gaussian, made orthogonal to it) is scaled to max-norm 1, so a step of eps changes
 * no pixel by more than eps along either axis */
export const X_AXIS_LABEL = 'ε along sign(∇ₓJ)';
/** the control plane's horizontal axis: seeded random signs, as sign(∇ₓJ) has, but no gradient
 * (short: it fits under a map of a pair) */
export const X_AXIS_LABEL_RANDOM = 'ε along random s ∈ {±1}ⁿ';
export function xAxisLabel(horizontal: MapHorizontal = 'fgsm'): string {
  return horizontal === 'random' ? X_AXIS_LABEL_RANDOM : X_AXIS_LABEL;
}
export const Y_AXIS_LABEL = 'ε along random r, ‖r‖∞ = 1';
// two header lines: the plane ("FGSM × random"), then the image and its progress
const MARGIN = { top: 34, right: 8, bottom: 50, left: 40 };

type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;

export class CrossSectionMapRenderer {
  private readonly root: HTMLDivElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly svg: Svg;
  private readonly resizeObserver: ResizeObserver;
  private data: CrossSectionMapData | null = null;
  private plotSize = 0;
  private cursor: { row: number; col: number } | null = null;
  private hover: { row: number; col: number } | null = null;
  /** the finished coarse map of the computation in progress */
  private underlay: MapGrid | null = null;

  constructor(
    el: HTMLElement,
    private readonly opts: CrossSectionMapOptions = {},
  ) {
    this.root = document.createElement('div');
    this.root.className = 'xsec-map';
    this.root.tabIndex = 0;
    el.appendChild(this.root);
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'xsec-map__canvas';
    this.root.appendChild(this.canvas);
    this.svg = d3
      .select(this.root)
      .append('svg')
      .attr('class', 'xsec-map__overlay')
      .attr('role', 'img')
      .attr('font-size', 11)
      .attr('font-family', 'system-ui, sans-serif');

    this.root.addEventListener('keydown', this.onKeyDown);
    this.root.addEventListener('pointermove', this.onPointerMove);
    this.root.addEventListener('pointerleave', this.onPointerLeave);
    this.root.addEventListener('click', this.onClick);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(this.root);
    this.resize();
  }

  /** the element to put test ids and data attributes on */
  get element(): HTMLDivElement {
    return this.root;
  }

  update(data: CrossSectionMapData): void {
    const previous = this.data?.grid?.resolution;
    this.data = data;
    if (data.grid?.resolution !== previous) {
      this.cursor = null;
      this.hover = null;
    }
    this.drawCanvas();
    this.render();
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.root.removeEventListener('keydown', this.onKeyDown);
    this.root.removeEventListener('pointermove', this.onPointerMove);
    this.root.removeEventListener('pointerleave', this.onPointerLeave);
    this.root.removeEventListener('click', this.onClick);
    this.root.remove();
  }

  private resize(): void {
    const plot = Math.max(32, Math.floor(this.root.clientWidth) - MARGIN.left - MARGIN.right);
    if (plot === this.plotSize) return;
    this.plotSize = plot;
    this.render();
  }

  private drawCanvas(): void {
    const grid = this.data?.grid;
    const canvas = this.canvas;
    const ctx = canvas.getContext('2d');
    if (!grid || !this.data || !ctx) {
      this.underlay = null;
      canvas.hidden = true;
      return;
    }
    const n = grid.resolution;
    canvas.width = n;
    canvas.height = n;
    const complete = isComplete(grid);
    // while the fine map fills row by row, the finished coarse map shows through its empty rows
    if (!complete && this.underlay && this.underlay.resolution !== n) {
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(this.classCanvas(this.underlay, this.data.trueLabel), 0, 0, n, n);
    }
    ctx.drawImage(this.classCanvas(grid, this.data.trueLabel), 0, 0);
    if (grid.final) this.underlay = null;
    else if (complete) this.underlay = grid;
    canvas.hidden = false;
  }

  /** A canvas of the grid's class colours, one pixel per cell (transparent where not computed). */
  private classCanvas(grid: MapGrid, trueLabel: number): HTMLCanvasElement {
    const n = grid.resolution;
    const canvas = document.createElement('canvas');
    canvas.width = n;
    canvas.height = n;
    canvas
      .getContext('2d')
      ?.putImageData(new ImageData(classMapToRgba(grid.predictedClass, trueLabel), n, n), 0, 0);
    return canvas;
  }

  private describeCell(row: number, col: number): string {
    const data = this.data;
    const grid = data?.grid;
    if (!data || !grid) return '';
    const n = grid.resolution;
    const [h, v] = cellEps(data.epsMax, n, row, col);
    const cls = grid.predictedClass[row * n + col] ?? -1;
    const name = data.classNames[cls] ?? `class ${cls}`;
    const confidence = grid.confidence[row * n + col] ?? NaN;
    return `(${h.toFixed(3)}, ${v.toFixed(3)}): ${name}, ${(confidence * 100).toFixed(1)}%`;
  }

  private render(): void {
    const svg = this.svg;
    svg.selectAll('*').remove();
    const data = this.data;
    const size = this.plotSize;
    const width = size + MARGIN.left + MARGIN.right;
    const height = size + MARGIN.top + MARGIN.bottom;
    this.root.style.height = `${height}px`;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    Object.assign(this.canvas.style, {
      left: `${MARGIN.left}px`,
      top: `${MARGIN.top}px`,
      width: `${size}px`,
      height: `${size}px`,
    });
    if (!data) return;
    const grid = data.grid;
    const n = grid?.resolution ?? 2;
    const root = this.root;
    const trueName = data.classNames[data.trueLabel] ?? `class ${data.trueLabel}`;
    const plane = PLANE_LABELS[data.horizontal ?? 'fgsm'];
    const label =
      `Cross-section map ${plane}, ${data.title}: predicted class over ${xAxisLabel(data.horizontal)} (horizontal) and ` +
      `${Y_AXIS_LABEL} (vertical), both from -${data.epsMax} to ${data.epsMax} in pixel units; the correct class ` +
      `${trueName} is white.` +
      (grid ? '' : ' Not computed yet.');
    svg.attr('aria-label', label);
    root.setAttribute(
      'aria-label',
      `${plane}, ${data.title}. Arrow keys move the cell cursor, Enter loads that perturbed image.`,
    );
    root.dataset.final = String(grid?.final ?? false);
    root.dataset.resolution = grid ? String(grid.resolution) : '';
    root.dataset.classesPresent = grid ? classesPresent([grid.predictedClass]).join(',') : '';
    root.dataset.centreClass = grid ? String(centreClass(grid)) : '';

    const plot = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    const position = (eps: number): number => axisPixel(eps, data.epsMax, n, size);
    const ticks = [-data.epsMax, 0, data.epsMax];
    const x = d3
      .scaleLinear()
      .domain([-data.epsMax, data.epsMax])
      .range([position(-data.epsMax), position(data.epsMax)]);
    const y = d3
      .scaleLinear()
      .domain([-data.epsMax, data.epsMax])
      .range([size - position(-data.epsMax), size - position(data.epsMax)]);
    const tickFormat = (d: d3.NumberValue): string => formatFloat32(Number(d));

    plot
      .append('rect')
      .attr('width', size)
      .attr('height', size)
      .attr('fill', grid ? 'none' : 'currentColor')
      .attr('fill-opacity', grid ? null : 0.06)
      .attr('stroke', 'currentColor')
      .attr('stroke-opacity', 0.5);
    plot
      .append('g')
      .attr('transform', `translate(0,${size})`)
      .call(d3.axisBottom(x).tickValues(ticks).tickFormat(tickFormat).tickSizeOuter(0));
    plot.append('g').call(d3.axisLeft(y).tickValues(ticks).tickFormat(tickFormat).tickSizeOuter(0));
    plot
      .append('text')
      .attr('x', size / 2)
      .attr('y', size + 30)
      .attr('text-anchor', 'middle')
      .attr('fill', 'currentColor')
      .attr('data-testid', 'xsec-x-label')
      .text(xAxisLabel(data.horizontal));
    plot
      .append('text')
      .attr('transform', `translate(${-30},${size / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .attr('fill', 'currentColor')
      .text(Y_AXIS_LABEL);
    svg
      .append('text')
      .attr('x', MARGIN.left)
      .attr('y', 13)
      .attr('fill', 'currentColor')
      .attr('font-weight', 700)
      .attr('data-testid', 'xsec-plane-label')
      .text(plane);
    svg
      .append('text')
      .attr('x', MARGIN.left)
      .attr('y', 27)
      .attr('fill', 'currentColor')
      .attr('font-weight', 600)
      .text(
        data.title + (grid && !grid.final ? ` · refining ${Math.round(data.progress * 100)}%` : ''),
      );

    if (grid) {
      // crosshair at the clean image; dark with a light halo so it shows on white and on colour
      const cx = position(0);
      const cy = size - position(0);
      const crosshair = plot
        .append('g')
        .attr('class', 'xsec-crosshair')
        .attr('pointer-events', 'none');
      for (const [stroke, widthPx] of [
        ['#ffffff', 3],
        ['#000000', 1],
      ] as const) {
        crosshair
          .append('path')
          .attr('d', `M${cx},0V${size}M0,${cy}H${size}`)
          .attr('stroke', stroke)
          .attr('stroke-width', widthPx)
          .attr('stroke-opacity', 0.55)
          .attr('fill', 'none');
      }
    }

    const marked = this.cursor ?? this.hover;
    if (grid && marked) {
      const cell = size / n;
      plot
        .append('rect')
        .attr('data-export-ignore', '')
        .attr('class', 'xsec-cursor')
        .attr('x', marked.col * cell)
        .attr('y', marked.row * cell)
        .attr('width', Math.max(cell, 3))
        .attr('height', Math.max(cell, 3))
        .attr('fill', 'none')
        .attr('stroke', '#000000')
        .attr('stroke-width', 1.5);
      svg
        .append('text')
        .attr('data-export-ignore', '')
        .attr('data-testid', 'xsec-cell-info')
        .attr('x', MARGIN.left)
        .attr('y', height - 3)
        .attr('fill', 'currentColor')
        .text(this.describeCell(marked.row, marked.col));
    }
  }

  private cellAtEvent(event: MouseEvent): { row: number; col: number } | null {
    const grid = this.data?.grid;
    if (!grid) return null;
    const rect = this.root.getBoundingClientRect();
    const px = event.clientX - rect.left - MARGIN.left;
    const py = event.clientY - rect.top - MARGIN.top;
    if (px < 0 || py < 0 || px >= this.plotSize || py >= this.plotSize) return null;
    return cellFromPoint(px, py, this.plotSize, grid.resolution);
  }

  private readonly onPointerMove = (event: PointerEvent): void => {
    const cell = this.cellAtEvent(event);
    if (cell?.row === this.hover?.row && cell?.col === this.hover?.col) return;
    this.hover = cell;
    this.render();
  };

  private readonly onPointerLeave = (): void => {
    this.hover = null;
    this.render();
  };

  private readonly onClick = (event: MouseEvent): void => {
    const cell = this.cellAtEvent(event);
    if (cell) this.choose(cell.row, cell.col);
  };

  private choose(row: number, col: number): void {
    const data = this.data;
    if (!data?.grid?.final) return;
    const [h, v] = cellEps(data.epsMax, data.grid.resolution, row, col);
    this.opts.onCellClick?.(row, col, h, v);
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const grid = this.data?.grid;
    if (!grid) return;
    const last = grid.resolution - 1;
    const middle = Math.floor(grid.resolution / 2);
    const { row, col } = this.cursor ?? { row: middle, col: middle };
    const step = event.shiftKey ? Math.max(1, Math.round(grid.resolution / 8)) : 1;
    const clamp = (v: number): number => Math.min(last, Math.max(0, v));
    let next: { row: number; col: number };
    switch (event.key) {
      case 'ArrowLeft':
        next = { row, col: clamp(col - step) };
        break;
      case 'ArrowRight':
        next = { row, col: clamp(col + step) };
        break;
      case 'ArrowUp':
        next = { row: clamp(row - step), col };
        break;
      case 'ArrowDown':
        next = { row: clamp(row + step), col };
        break;
      case 'Home':
        next = { row: middle, col: middle };
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.choose(row, col);
        return;
      case 'Escape':
        this.cursor = null;
        this.render();
        return;
      default:
        return;
    }
    event.preventDefault();
    this.cursor = next;
    this.render();
    this.opts.onCursor?.(this.describeCell(next.row, next.col));
  };
}
