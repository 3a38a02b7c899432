// @vitest-environment happy-dom
/**
 * A cross-section map as a reader sees it: one colour per class (the correct class white), the
 * FGSM offset growing to the right and the random one upwards, and a click or Enter on a cell
 * reporting exactly that cell's (horizontal, vertical) offsets, the ones its axes label.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { categoricalColor, rgbToHex } from '../../shared/colormaps';
import { canvasPixel, installPixelCanvas, setLayoutWidth } from '../../ui/testing/pixelCanvas';
import { axisScale, axisTicks, translation } from '../../ui/testing/readSvg';
import { CrossSectionLegendRenderer } from './legendRenderer';
import type { MapGrid } from './mapData';
import { CrossSectionMapRenderer, type CrossSectionMapData } from './renderer';

const N = 5;
const EPS_MAX = 0.2;
const TRUE_LABEL = 2;
const NAMES = ['zero', 'one', 'two', 'three'];
/** row-major, row 0 at +EPS_MAX vertically: no two mirror images of it are alike */
// prettier-ignore
const CLASSES = [
  0, 0, 1, 1, 3,
  0, 2, 2, 1, 3,
  0, 2, 2, 2, 3,
  1, 2, 2, 3, 3,
  1, 1, 0, 3, 3,
];

function grid(final = true): MapGrid {
  return {
    resolution: N,
    predictedClass: Int32Array.from(CLASSES),
    confidence: Float32Array.from(CLASSES, (_, i) => 0.5 + i / 100),
    final,
  };
}

function mapData(g: MapGrid | null = grid()): CrossSectionMapData {
  return {
    grid: g,
    epsMax: EPS_MAX,
    trueLabel: TRUE_LABEL,
    classNames: NAMES,
    title: '#12 · true: two',
    progress: 0.4,
  };
}

const clicks: [number, number, number, number][] = [];
const cursor: string[] = [];
let host: HTMLElement;
let map: CrossSectionMapRenderer;
const undo: (() => void)[] = [];

beforeEach(() => {
  undo.push(setLayoutWidth(400), installPixelCanvas());
  host = document.createElement('div');
  document.body.append(host);
  map = new CrossSectionMapRenderer(host, {
    onCellClick: (...cell) => clicks.push(cell),
    onCursor: (text) => cursor.push(text),
  });
  map.update(mapData());
});

afterEach(() => {
  map.destroy();
  host.remove();
  clicks.length = 0;
  cursor.length = 0;
  for (const f of undo.splice(0).reverse()) f();
});

/** The horizontal and vertical axis groups and where the plot area starts in the map element. */
function axes() {
  const groups = Array.from(host.querySelectorAll('svg > g > g')).filter((g) =>
    g.querySelector('.tick'),
  );
  const [bottom, left] = groups;
  if (!bottom || !left) throw new Error('no axes');
  return {
    h: axisTicks(bottom, 'x'),
    v: axisTicks(left, 'y'),
    origin: translation(bottom.parentElement as Element),
  };
}

function click(x: number, y: number): void {
  map.element.dispatchEvent(new MouseEvent('click', { clientX: x, clientY: y, bubbles: true }));
}

describe('cross-section map picture', () => {
  it('shows each cell in its class colour, one pixel per cell, the correct class white', () => {
    const canvas = host.querySelector('canvas');
    if (!canvas) throw new Error('no canvas');
    expect([canvas.width, canvas.height]).toEqual([N, N]);
    for (let row = 0; row < N; row++) {
      for (let col = 0; col < N; col++) {
        const cls = CLASSES[row * N + col]!;
        const rgb = cls === TRUE_LABEL ? [255, 255, 255] : [...categoricalColor(cls)];
        expect(canvasPixel(canvas, col, row), `cell (${row}, ${col})`).toEqual([...rgb, 255]);
      }
    }
  });

  it('tells what it shows: title, axes, the correct class and what the map element holds', () => {
    const svg = host.querySelector('svg');
    expect(svg?.getAttribute('aria-label')).toBe(
      'Cross-section map FGSM × random, #12 · true: two: predicted class over ε along sign(∇ₓJ) (horizontal) and ' +
        'ε along random r, ‖r‖∞ = 1 (vertical), both from -0.2 to 0.2 in pixel units; ' +
        'the correct class two is white.',
    );
    const texts = Array.from(svg?.querySelectorAll(':scope > g > text, :scope > text') ?? []);
    expect(texts.map((t) => t.textContent)).toEqual([
      'ε along sign(∇ₓJ)',
      'ε along random r, ‖r‖∞ = 1',
      'FGSM × random',
      '#12 · true: two',
    ]);
    expect(map.element.dataset.classesPresent).toBe('0,1,2,3');
    expect(map.element.dataset.centreClass).toBe('2');
  });

  it('says how far a map still refining has got', () => {
    map.update(mapData(grid(false)));
    const header = Array.from(host.querySelectorAll('svg > text'), (t) => t.textContent);
    expect(header).toEqual(['FGSM × random', '#12 · true: two · refining 40%']);
  });
});

describe('cross-section map axes and cells', () => {
  it('the FGSM offset grows to the right, the random offset upwards', () => {
    const { h, v } = axes();
    expect(h.map((t) => t.value)).toEqual([-0.2, 0, 0.2]);
    expect(v.map((t) => t.value)).toEqual([-0.2, 0, 0.2]);
    expect(h[0]!.at).toBeLessThan(h[2]!.at);
    expect(v[0]!.at, '-0.2 below +0.2').toBeGreaterThan(v[2]!.at);
  });

  it('a click on a cell reports that cell and its offsets', () => {
    const cell = (400 - 48) / N;
    const [left, top] = axes().origin;
    const at = (row: number, col: number) =>
      click(left + (col + 0.5) * cell, top + (row + 0.5) * cell);
    at(0, 0);
    at(1, 0);
    at(4, 2);
    at(3, 4);
    expect(clicks).toEqual([
      [0, 0, Math.fround(-0.2), Math.fround(0.2)],
      [1, 0, Math.fround(-0.2), Math.fround(0.1)],
      [4, 2, 0, Math.fround(-0.2)],
      [3, 4, Math.fround(0.2), Math.fround(-0.1)],
    ]);
  });

  it('the cell under each pair of tick labels has those offsets', () => {
    const { h, v, origin } = axes();
    const x = axisScale(h);
    const y = axisScale(v);
    for (const eh of [-0.2, 0, 0.2]) {
      for (const ev of [-0.2, 0, 0.2]) {
        clicks.length = 0;
        click(origin[0] + x(eh), origin[1] + y(ev));
        const [, , reportedH, reportedV] = clicks[0] ?? [];
        expect(reportedH, `horizontal tick ${eh}`).toBeCloseTo(eh, 6);
        expect(reportedV, `vertical tick ${ev}`).toBeCloseTo(ev, 6);
      }
    }
  });

  it('the keyboard cursor starts at the clean image and Enter loads the cell under it', () => {
    const press = (key: string) =>
      map.element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    press('Enter');
    press('ArrowRight');
    press('ArrowUp');
    press('Enter');
    expect(clicks).toEqual([
      [2, 2, 0, 0],
      [1, 3, Math.fround(0.1), Math.fround(0.1)],
    ]);
    expect(cursor).toEqual(['(0.100, 0.000): two, 63.0%', '(0.100, 0.100): one, 58.0%']);
    expect(host.querySelector('[data-testid="xsec-cell-info"]')?.textContent).toBe(cursor[1]);
  });

  it('a map still refining does not load cells', () => {
    map.update(mapData(grid(false)));
    map.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(clicks).toEqual([]);
  });
});

describe('cross-section legend', () => {
  it('lists the white correct class first, then every class in its colour', () => {
    const legend = new CrossSectionLegendRenderer(host);
    legend.update({ classes: [0, 1, 3], classNames: NAMES });
    const items = Array.from(host.querySelectorAll('[data-testid^="xsec-legend-"]'));
    expect(
      items.map((g) => [
        g.querySelector('text')?.textContent,
        g.querySelector('rect')?.getAttribute('fill'),
      ]),
    ).toEqual([
      ['correct class (per map)', '#ffffff'],
      ['zero', rgbToHex(categoricalColor(0))],
      ['one', rgbToHex(categoricalColor(1))],
      ['three', rgbToHex(categoricalColor(3))],
    ]);
    legend.destroy();
  });
});

describe('the x axis names the plane’s horizontal direction', () => {
  function xLabel(): string | null | undefined {
    return host.querySelector('[data-testid="xsec-x-label"]')?.textContent;
  }

  it('FGSM by default, random signs for the control plane, in the label and the description', () => {
    expect(xLabel()).toBe('ε along sign(∇ₓJ)');
    map.update({ ...mapData(), horizontal: 'random' });
    expect(xLabel()).toBe('ε along random s ∈ {±1}ⁿ');
    expect(host.querySelector('svg')?.getAttribute('aria-label')).toMatch(/random s ∈ \{±1\}ⁿ/);
  });

  it('labels each map with its plane, so the maps of a pair are told apart (also in exports)', () => {
    const plane = () => host.querySelector('[data-testid="xsec-plane-label"]')?.textContent;
    expect(plane()).toBe('FGSM × random');
    map.update({ ...mapData(), horizontal: 'random' });
    expect(plane()).toBe('random × random');
    expect(map.element.getAttribute('aria-label')).toMatch(/^random × random, #12/);
  });
});
