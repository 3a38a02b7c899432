// @vitest-environment happy-dom
/**
 * The lab's live charts as a reader sees them: epochs to the right over the run's whole length,
 * 0% at the bottom, every vertex of a line where the axes read its numbers, the naive run dashed,
 * and a legend naming each line with its latest value.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { axisScale, axisTicks, translation } from '../../ui/testing/readSvg';
import type { CurveChartData } from './curves';
import { CurveChartRenderer } from './curveRenderer';

const data: CurveChartData = {
  title: 'Error on 1000 held-out images',
  yLabel: 'error',
  yKind: 'percent',
  epochs: 2,
  series: [
    {
      name: 'FGSM, plain',
      colour: '#D55E00',
      dashed: true,
      points: [
        [0, 0.9],
        [0.5, 0.99],
        [1, 1],
      ],
    },
    {
      name: 'FGSM, adversarial',
      colour: '#D55E00',
      dashed: false,
      points: [
        [0, 0.9],
        [0.25, 0.8],
      ],
    },
  ],
};

let host: HTMLElement;
let chart: CurveChartRenderer;

beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  chart = new CurveChartRenderer(host, { height: 240, testId: 'chart' });
  chart.update(data);
});

afterEach(() => {
  chart.destroy();
  host.remove();
});

function axes() {
  const groups = Array.from(host.querySelectorAll('g > g')).filter((g) =>
    g.querySelector(':scope > .tick'),
  );
  const x = groups.find((g) => translation(g)[0] === 0);
  const y = groups.find((g) => translation(g)[1] === 0);
  if (!x || !y) throw new Error('no axes');
  return { x: axisTicks(x, 'x'), y: axisTicks(y, 'y') };
}

/** The vertices of an SVG path d3.line drew ("M x,y L x,y ..."). */
function vertices(d: string): [number, number][] {
  return Array.from(d.matchAll(/[ML]\s*(-?[\d.e+-]+)[ ,](-?[\d.e+-]+)/g), (m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
}

describe('lab curve chart', () => {
  it('runs epochs 0..the run length to the right and the error upwards from 0% to 100%', () => {
    const { x, y } = axes();
    expect(x[0]?.value).toBe(0);
    expect(x.at(-1)?.value).toBe(2);
    expect(x.at(-1)!.at).toBeGreaterThan(x[0]!.at);
    expect(y[0]?.value).toBe(0);
    expect(y.at(-1)?.value).toBe(1);
    expect(y[0]!.at).toBeGreaterThan(y.at(-1)!.at);
  });

  it('puts every vertex where the axes read its epoch and error; the naive run dashed', () => {
    const { x, y } = axes();
    const px = axisScale(x);
    const py = axisScale(y);
    for (const s of data.series) {
      const g = host.querySelector(`[data-series="${s.name}"]`);
      const path = g?.querySelector('path');
      expect(g?.getAttribute('data-points')).toBe(String(s.points.length));
      const drawn = vertices(path?.getAttribute('d') ?? '');
      expect(drawn.length).toBe(s.points.length);
      drawn.forEach(([cx, cy], i) => {
        const [epoch, value] = s.points[i]!;
        expect(Math.abs(cx - px(epoch))).toBeLessThan(1);
        expect(Math.abs(cy - py(value))).toBeLessThan(1);
      });
      expect(path?.getAttribute('stroke-dasharray') ?? null).toBe(s.dashed ? '5 4' : null);
    }
  });

  it('names each line with its latest value', () => {
    const labels = Array.from(host.querySelectorAll('.ae-legend-label'), (l) => l.textContent);
    expect(labels).toEqual(['FGSM, plain 100.0%', 'FGSM, adversarial 80.0%']);
  });

  it('a live update on the same axes moves the lines and legend values without rebuilding the chart', () => {
    // rebuilding the SVG on every report (2-3 a second) made the browser restyle, lay out and
    // repaint the whole chart: the lab's drawing cost (issue 16)
    const title = host.querySelector('.ae-chart-title');
    const tick = host.querySelector('.tick');
    const grown = data.series.map((s, i) =>
      i === 1 ? { ...s, points: [...s.points, [0.5, 0.6] as [number, number]] } : s,
    );
    chart.update({ ...data, series: grown });
    expect(host.querySelector('.ae-chart-title')).toBe(title);
    expect(host.querySelector('.tick')).toBe(tick);
    const g = host.querySelector('[data-series="FGSM, adversarial"]');
    expect(g?.getAttribute('data-points')).toBe('3');
    expect(vertices(g?.querySelector('path')?.getAttribute('d') ?? '').length).toBe(3);
    const labels = Array.from(host.querySelectorAll('.ae-legend-label'), (l) => l.textContent);
    expect(labels).toEqual(['FGSM, plain 100.0%', 'FGSM, adversarial 60.0%']);
  });

  it('rebuilds when the axes change (a longer run) and drops a removed line', () => {
    chart.update({ ...data, epochs: 4, series: data.series.slice(0, 1) });
    expect(axes().x.at(-1)?.value).toBe(4);
    expect(host.querySelectorAll('[data-series]').length).toBe(1);
    expect(host.querySelectorAll('.ae-legend-label').length).toBe(1);
  });

  it('scales a loss chart from 0 to above its largest value', () => {
    chart.update({
      ...data,
      yKind: 'loss',
      series: [
        {
          name: 'loss',
          colour: '#333',
          dashed: false,
          points: [
            [0.1, 2.4],
            [0.2, 0.6],
          ],
        },
      ],
    });
    const { y } = axes();
    expect(y[0]?.value).toBe(0);
    expect(y.at(-1)!.value).toBeLessThanOrEqual(2.4 * 1.05);
    expect(y.at(-1)!.value).toBeGreaterThan(2);
  });
});
