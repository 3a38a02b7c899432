/**
 * The shared legend of the cross-section maps: one swatch per class in its categorical colour,
 * and the white swatch of the correct class (which differs per map). SVG, so exports include it.
 */
import * as d3 from 'd3';
import { categoricalColor, rgbToHex } from '../../shared/colormaps';

export interface LegendData {
  classes: readonly number[];
  classNames: readonly string[];
}

const ROW = 18;
const SWATCH = 12;

export class CrossSectionLegendRenderer {
  private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly resizeObserver: ResizeObserver;
  private data: LegendData | null = null;
  private width = 0;

  constructor(private readonly el: HTMLElement) {
    this.svg = d3
      .select(el)
      .append('svg')
      .attr('class', 'xsec-legend')
      .attr('data-testid', 'xsec-legend')
      .attr('role', 'img')
      .attr('font-size', 12)
      .attr('font-family', 'system-ui, sans-serif');
    this.resizeObserver = new ResizeObserver(() => {
      const width = Math.floor(this.el.clientWidth);
      if (width !== this.width) {
        this.width = width;
        this.render();
      }
    });
    this.resizeObserver.observe(el);
    this.width = Math.floor(el.clientWidth);
  }

  update(data: LegendData): void {
    this.data = data;
    this.render();
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.svg.remove();
  }

  private render(): void {
    const svg = this.svg;
    svg.selectAll('*').remove();
    const data = this.data;
    if (!data || this.width <= 0) return;
    const name = (c: number): string => data.classNames[c] ?? `class ${c}`;
    const entries: { key: string; label: string; fill: string }[] = [
      { key: 'correct', label: 'correct class (per map)', fill: '#ffffff' },
      ...data.classes.map((c) => ({
        key: String(c),
        label: name(c),
        fill: rgbToHex(categoricalColor(c)),
      })),
    ];
    svg.attr(
      'aria-label',
      `Legend: the correct class of each map is white; other classes: ${data.classes
        .map((c) => `${name(c)} ${rgbToHex(categoricalColor(c))}`)
        .join(', ')}.`,
    );
    // flow left to right, wrapping at the width
    let x = 0;
    let y = 0;
    for (const entry of entries) {
      const itemWidth = SWATCH + 8 + Math.min(24, entry.label.length) * 6.6 + 14;
      if (x > 0 && x + itemWidth > this.width) {
        x = 0;
        y += ROW;
      }
      const item = svg
        .append('g')
        .attr('data-testid', `xsec-legend-${entry.key}`)
        .attr('transform', `translate(${x},${y})`);
      item
        .append('rect')
        .attr('x', 0.5)
        .attr('y', 2.5)
        .attr('width', SWATCH)
        .attr('height', SWATCH)
        .attr('fill', entry.fill)
        .attr('stroke', 'currentColor')
        .attr('stroke-opacity', 0.6);
      item
        .append('text')
        .attr('x', SWATCH + 6)
        .attr('y', 13)
        .attr('fill', 'currentColor')
        .text(entry.label.length > 24 ? `${entry.label.slice(0, 23)}…` : entry.label);
      x += itemWidth;
    }
    svg.attr('width', this.width).attr('height', y + ROW + 2);
  }
}
