// @vitest-environment happy-dom
/**
 * The eps-sweep chart as a reader sees it: eps from left (negative) to right, every line where
 * the axes say its numbers are, the legend naming each class in its line's colour, and the hover
 * showing the grid point and its perturbed input.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pathPoints } from '../../../e2e/helpers/svgPath';
import type { SweepResult } from '../../engine/api';
import { categoricalColor, rgbToHex } from '../../shared/colormaps';
import { canvasPixel, installPixelCanvas, setLayoutWidth } from '../../ui/testing/pixelCanvas';
import { axisScale, axisTicks } from '../../ui/testing/readSvg';
import { SweepChartRenderer, type SweepChartData } from './renderer';

const EPS = Float32Array.from({ length: 11 }, (_, i) => Math.fround(-0.5 + i / 10));
const LONG_NAME = 'a class name far too long for the legend';
const NAMES = ['cat', 'dog', LONG_NAME];
/** logits: class 0 rises with eps, class 1 falls, class 2 stays at 1 */
const LOGIT = [(e: number) => 10 * e, (e: number) => -10 * e, () => 1];

function sweep(): SweepResult {
  const logits = new Float32Array(EPS.length * 3);
  EPS.forEach((e, i) => LOGIT.forEach((f, c) => (logits[i * 3 + c] = f(e))));
  return {
    eps: EPS,
    numClasses: 3,
    logits,
    probabilities: new Float32Array(EPS.length * 3).fill(1 / 3),
    predictedClass: Int32Array.from(EPS, (e) => (e < 0 ? 1 : 0)),
    direction: Float32Array.of(1, -1),
    lossLabel: 1,
  };
}

function chartData(): SweepChartData {
  return {
    result: sweep(),
    mode: 'logits',
    classNames: NAMES,
    trueLabel: 1,
    classes: [0, 1, 2],
    image: { data: Float32Array.of(0.5, 0.5), height: 1, width: 2, channels: 1 },
  };
}

let host: HTMLElement;
let chart: SweepChartRenderer;
const undo: (() => void)[] = [];

beforeEach(() => {
  undo.push(setLayoutWidth(700), installPixelCanvas());
  host = document.createElement('div');
  document.body.append(host);
  chart = new SweepChartRenderer(host, { height: 320 });
  chart.update(chartData());
});

afterEach(() => {
  chart.destroy();
  host.remove();
  for (const f of undo.splice(0).reverse()) f();
});

function svg(): SVGSVGElement {
  const el = host.querySelector<SVGSVGElement>('[data-testid="sweep-chart"]');
  if (!el) throw new Error('no chart');
  return el;
}

function axis(name: 'x' | 'y') {
  const group = svg().querySelector(`.sweep-axis-${name}`);
  if (!group) throw new Error(`no ${name} axis`);
  return axisTicks(group, name);
}

function line(cls: number): SVGPathElement {
  const el = svg().querySelector<SVGPathElement>(`[data-testid="sweep-line-${cls}"]`);
  if (!el) throw new Error(`no line for class ${cls}`);
  return el;
}

describe('sweep chart axes', () => {
  it('eps grows to the right: negative eps left of 0, the dashed zero rule at the 0 tick', () => {
    const ticks = axis('x');
    expect(ticks.length).toBeGreaterThan(2);
    for (let i = 1; i < ticks.length; i++) {
      expect(ticks[i]!.value, 'tick labels ascend').toBeGreaterThan(ticks[i - 1]!.value);
      expect(ticks[i]!.at, 'left to right').toBeGreaterThan(ticks[i - 1]!.at);
    }
    const x = axisScale(ticks);
    expect(x(-0.5)).toBeLessThan(x(0.5));
    const zero = svg().querySelector('.sweep-zero');
    // d3 draws ticks half a pixel off, for crisp lines
    expect(Math.abs(Number(zero?.getAttribute('x1')) - x(0))).toBeLessThan(1);
  });

  it('larger values are drawn higher', () => {
    const ticks = axis('y');
    const y = axisScale(ticks);
    expect(y(5)).toBeLessThan(y(-5));
  });

  it('every line passes through (eps, value) as the axes read them', () => {
    const x = axisScale(axis('x'));
    const y = axisScale(axis('y'));
    for (const cls of [0, 1, 2]) {
      const points = pathPoints(line(cls).getAttribute('d') ?? '');
      expect(points.length).toBe(EPS.length);
      points.forEach(([px, py], i) => {
        const eps = EPS[i]!;
        expect(Math.abs(px - x(eps)), `class ${cls} x at eps ${eps}`).toBeLessThan(1);
        expect(Math.abs(py - y(LOGIT[cls]!(eps))), `class ${cls} y at eps ${eps}`).toBeLessThan(1);
      });
    }
    // on screen, left to right, class 0 climbs and class 1 falls (smaller y is higher)
    const leftToRight = (cls: number) =>
      pathPoints(line(cls).getAttribute('d') ?? '').sort((a, b) => a[0] - b[0]);
    const rising = leftToRight(0);
    expect(rising.at(-1)![1]).toBeLessThan(rising[0]![1]);
    const falling = leftToRight(1);
    expect(falling.at(-1)![1]).toBeGreaterThan(falling[0]![1]);
  });
});

describe('sweep chart legend', () => {
  it('names every class in order, marks the true one and cuts long names', () => {
    const items = Array.from(svg().querySelectorAll('[data-testid^="sweep-legend-"]'));
    expect(items.map((g) => g.getAttribute('data-testid'))).toEqual([
      'sweep-legend-0',
      'sweep-legend-1',
      'sweep-legend-2',
    ]);
    const texts = items.map((g) => g.querySelector('text'));
    expect(texts.map((t) => t?.childNodes[0]?.textContent)).toEqual([
      'cat',
      'dog (true)',
      `${LONG_NAME.slice(0, 21)}…`,
    ]);
    expect(texts[2]?.querySelector('title')?.textContent).toBe(LONG_NAME);
    expect(texts.map((t) => t?.getAttribute('font-weight'))).toEqual(['400', '700', '400']);
  });

  it("shows each class in its line's colour, one colour per class", () => {
    const colours = [0, 1, 2].map((cls) => {
      const swatch = svg().querySelector(`[data-testid="sweep-legend-${cls}"] line`);
      const stroke = line(cls).getAttribute('stroke');
      expect(swatch?.getAttribute('stroke'), `class ${cls}`).toBe(stroke);
      expect(stroke).toBe(rgbToHex(categoricalColor(cls)));
      return stroke;
    });
    expect(new Set(colours).size).toBe(3);
    // the true class is drawn thicker and on top
    expect(Number(line(1).getAttribute('stroke-width'))).toBeGreaterThan(
      Number(line(0).getAttribute('stroke-width')),
    );
    expect(svg().querySelector('.sweep-lines path:last-child')).toBe(line(1));
  });
});

describe('sweep chart hover', () => {
  it('marks the grid point at its eps and shows its prediction and perturbed input', () => {
    const index = 8; // eps = 0.3
    chart.setHover(index);
    const x = axisScale(axis('x'));
    const rule = svg().querySelector('[data-testid="sweep-hover-rule"]');
    expect(Math.abs(Number(rule?.getAttribute('x1')) - x(0.3))).toBeLessThan(1);
    const tooltip = host.querySelector<HTMLElement>('[data-testid="sweep-tooltip"]');
    expect(tooltip?.hidden).toBe(false);
    const rows = Array.from(tooltip?.firstElementChild?.children ?? [], (r) => r.textContent);
    expect(rows[0]).toBe('eps = 0.3 (76.5/255)');
    expect(rows[1]).toBe('predicted: cat');
    expect(rows[3]).toBe('logit of true (dog): -3');
    // x + 0.3 d with d = (+1, -1): 0.8 and 0.2, as bytes
    const canvas = host.querySelector<HTMLCanvasElement>('[data-testid="sweep-tooltip-image"]')!;
    expect(canvasPixel(canvas, 0, 0)).toEqual([204, 204, 204, 255]);
    expect(canvasPixel(canvas, 1, 0)).toEqual([51, 51, 51, 255]);
  });

  it('arrow keys start in the middle (eps 0) and step one point', () => {
    const seen: (number | null)[] = [];
    chart.destroy();
    chart = new SweepChartRenderer(host, { onHover: (i) => seen.push(i) });
    chart.update(chartData());
    const press = (key: string) =>
      host.querySelector('.sweep-chart')!.dispatchEvent(new KeyboardEvent('keydown', { key }));
    press('ArrowRight');
    press('ArrowRight');
    press('ArrowLeft');
    press('Home');
    press('Escape');
    expect(seen).toEqual([5, 6, 5, 0, null]);
  });
});

describe("sweep chart and the image panel's eps", () => {
  function marker() {
    return svg().querySelector('[data-testid="sweep-slider-marker"]');
  }

  it("draws the slider's eps as a labelled rule at that eps, and none outside the range", () => {
    chart.update({ ...chartData(), sliderEps: 0.25 });
    const x = axisScale(axis('x'));
    const rule = marker()?.querySelector('line');
    expect(Math.abs(Number(rule?.getAttribute('x1')) - x(0.25))).toBeLessThan(1);
    expect(rule?.getAttribute('x2')).toBe(rule?.getAttribute('x1'));
    expect(marker()?.querySelector('text')?.textContent).toBe('ε = 0.25 (slider)');
    chart.update({ ...chartData(), sliderEps: 0.75 });
    expect(marker()).toBeNull();
    chart.update({ ...chartData(), sliderEps: null });
    expect(marker()).toBeNull();
  });

  it('a click or Enter sets the eps of the nearest grid point, never a negative one', () => {
    const picked: number[] = [];
    chart.destroy();
    chart = new SweepChartRenderer(host, { onPickEps: (eps) => picked.push(eps) });
    chart.update({ ...chartData(), sliderEps: 0.25 });
    const x = axisScale(axis('x'));
    const overlay = svg().querySelector('.sweep-overlay')!;
    for (const side of ['clientLeft', 'clientTop']) {
      Object.defineProperty(overlay, side, { value: 0, configurable: true });
    }
    // happy-dom's SVG points cannot be transformed; without createSVGPoint d3.pointer measures
    // against the element's box (happy-dom: at 0, with no border widths set), so clientX is the plot's own x
    Object.defineProperty(svg(), 'createSVGPoint', { value: undefined, configurable: true });
    const clickAt = (eps: number) =>
      overlay.dispatchEvent(new MouseEvent('click', { clientX: x(eps), bubbles: true }));
    clickAt(0.31);
    clickAt(-0.2);
    chart.setHover(9);
    host
      .querySelector('.sweep-chart')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(picked).toEqual([0.3, 0.4]);
  });

  it('the tooltip shows at most 4 significant digits', () => {
    chart.update({ ...chartData(), mode: 'probabilities' });
    chart.setHover(7);
    const tooltip = host.querySelector<HTMLElement>('[data-testid="sweep-tooltip"]');
    const rows = Array.from(tooltip?.firstElementChild?.children ?? [], (r) => r.textContent);
    expect(rows[0]).toBe('eps = 0.2 (51.0/255)');
    // 1/3 as float32 is 0.33333334
    expect(rows[2]).toBe('probability of predicted: 0.3333');
    expect(rows[3]).toBe('probability of true (dog): 0.3333');
  });
});
