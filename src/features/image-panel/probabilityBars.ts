/**
 * A small horizontal bar chart of class probabilities (d3, SVG). Up to ten classes are shown in
 * class order, so two charts side by side line up; models with more classes show their top ten,
 * and models with many classes (ImageNet's 1000) their top five, labelled by the name's first part.
 */
import * as d3 from 'd3';

export interface ProbabilityBarsData {
  probabilities: ArrayLike<number>;
  classNames: readonly string[];
  predictedClass: number;
  trueLabel: number | null;
  targetClass: number | null;
}

const MAX_ROWS = 10;
/** above this many classes only the top TOP_FEW are shown */
const MANY_CLASSES = 100;
const TOP_FEW = 5;
/** characters of a label that fit beside the bar */
const LABEL_CHARS = 11;
const ROW = 15;
const WIDTH = 200;
const LABEL_WIDTH = 60;
const VALUE_WIDTH = 46;

interface Row {
  index: number;
  name: string;
  p: number;
}

export function rowsToShow(probabilities: ArrayLike<number>, classNames: readonly string[]): Row[] {
  const all: Row[] = Array.from({ length: probabilities.length }, (_, index) => ({
    index,
    name: classNames[index] ?? String(index),
    p: probabilities[index] ?? 0,
  }));
  if (all.length <= MAX_ROWS) return all;
  const count = all.length > MANY_CLASSES ? TOP_FEW : MAX_ROWS;
  return [...all].sort((a, b) => b.p - a.p).slice(0, count);
}

/** "tabby, tabby cat" -> "tabby"; long names are cut with an ellipsis (the full name is the title) */
export function shortLabel(name: string): string {
  const first = name.split(',')[0]?.trim() || name;
  return first.length <= LABEL_CHARS ? first : `${first.slice(0, LABEL_CHARS - 1)}…`;
}

export function formatPercent(p: number): string {
  return `${(p * 100).toFixed(1)}%`;
}

export class ProbabilityBars {
  private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;

  constructor(parent: HTMLElement, testId: string) {
    this.svg = d3
      .select(parent)
      .append('svg')
      .attr('class', 'ae-probs')
      .attr('role', 'img')
      .attr('data-testid', testId);
  }

  update(data: ProbabilityBarsData | null): void {
    if (!data) {
      this.svg.attr('aria-label', 'class probabilities: not computed yet').selectAll('g').remove();
      this.svg.attr('viewBox', `0 0 ${WIDTH} ${ROW}`).attr('height', 0);
      return;
    }
    const rows = rowsToShow(data.probabilities, data.classNames);
    const height = rows.length * ROW;
    const x = d3
      .scaleLinear()
      .domain([0, 1])
      .range([0, WIDTH - LABEL_WIDTH - VALUE_WIDTH]);
    this.svg
      .attr('viewBox', `0 0 ${WIDTH} ${height}`)
      .attr('height', null)
      .attr(
        'aria-label',
        `class probabilities: ${rows
          .filter((r) => r.p >= 0.01)
          .map((r) => `${r.name} ${formatPercent(r.p)}`)
          .join(', ')}`,
      );

    const groups = this.svg
      .selectAll<SVGGElement, Row>('g.ae-probs__row')
      .data(rows, (r) => String(r.index))
      .join((enter) => {
        const g = enter.append('g').attr('class', 'ae-probs__row');
        g.append('title');
        g.append('text')
          .attr('class', 'ae-probs__label')
          .attr('x', LABEL_WIDTH - 4)
          .attr('y', ROW / 2)
          .attr('dy', '0.35em')
          .attr('text-anchor', 'end');
        g.append('rect')
          .attr('class', 'ae-probs__track')
          .attr('x', LABEL_WIDTH)
          .attr('y', 2)
          .attr('height', ROW - 4)
          .attr('width', x(1));
        g.append('rect')
          .attr('class', 'ae-probs__bar')
          .attr('x', LABEL_WIDTH)
          .attr('y', 2)
          .attr('height', ROW - 4);
        g.append('text')
          .attr('class', 'ae-probs__value')
          .attr('x', WIDTH - 2)
          .attr('y', ROW / 2)
          .attr('dy', '0.35em')
          .attr('text-anchor', 'end');
        return g;
      });

    groups
      .attr('transform', (_, i) => `translate(0, ${i * ROW})`)
      .classed('is-predicted', (r) => r.index === data.predictedClass)
      .classed('is-true', (r) => r.index === data.trueLabel)
      .classed('is-target', (r) => r.index === data.targetClass);
    groups.select('title').text((r) => `${r.name}: ${(r.p * 100).toFixed(3)}%`);
    groups
      .select('.ae-probs__label')
      .text((r) => (r.index === data.trueLabel ? `✓ ${shortLabel(r.name)}` : shortLabel(r.name)));
    groups.select('.ae-probs__bar').attr('width', (r) => Math.max(0, x(Math.min(1, r.p))));
    groups.select('.ae-probs__value').text((r) => formatPercent(r.p));
  }

  destroy(): void {
    this.svg.remove();
  }
}
