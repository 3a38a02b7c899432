/**
 * The colour scale of the perturbation picture: a gradient bar from -eps to +eps with ticks, so
 * the magnified colours can be read back as pixel changes.
 */
import * as d3 from 'd3';
import { divergingColor, rgbToHex } from '../../shared/colormaps';

export type PerturbationScale = 'diverging' | 'per-channel-grey';

const WIDTH = 200;
const BAR_HEIGHT = 10;
const HEIGHT = 30;
const PAD = 14;
const STOPS = 9;

let gradientCounter = 0;

/** at most three decimals, no trailing zeros: +0.25, −0.145, −0.007 */
export function formatSigned(v: number): string {
  if (v === 0) return '0';
  const digits = String(Number(Math.abs(v).toFixed(3)));
  return `${v > 0 ? '+' : '−'}${digits}`;
}

export class PerturbationLegend {
  private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly gradient: d3.Selection<SVGLinearGradientElement, unknown, null, undefined>;
  private readonly ticks: d3.Selection<SVGGElement, unknown, null, undefined>;

  constructor(parent: HTMLElement) {
    const id = `ae-perturbation-gradient-${++gradientCounter}`;
    this.svg = d3
      .select(parent)
      .append('svg')
      .attr('class', 'ae-legend')
      .attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
      .attr('role', 'img')
      .attr('data-testid', 'perturbation-legend');
    this.gradient = this.svg.append('defs').append('linearGradient').attr('id', id);
    this.svg
      .append('rect')
      .attr('class', 'ae-legend__bar')
      .attr('x', PAD)
      .attr('y', 2)
      .attr('width', WIDTH - 2 * PAD)
      .attr('height', BAR_HEIGHT)
      .attr('fill', `url(#${id})`);
    this.ticks = this.svg.append('g').attr('class', 'ae-legend__ticks');
  }

  update(eps: number, scale: PerturbationScale): void {
    const t = d3.range(STOPS).map((i) => -1 + (2 * i) / (STOPS - 1));
    this.gradient
      .selectAll('stop')
      .data(t)
      .join('stop')
      .attr('offset', (v) => `${((v + 1) / 2) * 100}%`)
      .attr('stop-color', (v) => {
        if (scale === 'diverging') return rgbToHex(divergingColor(v));
        const g = Math.round(255 * (0.5 + 0.5 * v));
        return rgbToHex([g, g, g]);
      });
    const x = d3
      .scaleLinear()
      .domain([-eps, eps])
      .range([PAD, WIDTH - PAD]);
    const values = eps > 0 ? [-eps, 0, eps] : [0];
    const tick = this.ticks
      .selectAll<SVGGElement, number>('g')
      .data(values)
      .join((enter) => {
        const g = enter.append('g');
        g.append('line')
          .attr('y1', 2)
          .attr('y2', BAR_HEIGHT + 5);
        g.append('text')
          .attr('y', BAR_HEIGHT + 14)
          .attr('text-anchor', 'middle');
        return g;
      })
      .attr('transform', (v) => `translate(${eps > 0 ? x(v) : WIDTH / 2}, 0)`);
    tick.select('text').text(formatSigned);
    const what = scale === 'diverging' ? 'blue' : 'black';
    const other = scale === 'diverging' ? 'red' : 'white';
    this.svg.attr(
      'aria-label',
      `colour scale: ${what} ${formatSigned(-eps)}, ${scale === 'diverging' ? 'white' : 'grey'} 0, ${other} ${formatSigned(eps)}${scale === 'diverging' ? '' : ' per colour channel'}`,
    );
  }

  destroy(): void {
    this.svg.remove();
  }
}
