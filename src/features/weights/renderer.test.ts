// @vitest-environment happy-dom
/**
 * The weight pictures as a reader sees them (paper Fig. 2 and 3): each weight at its own pixel,
 * red for positive, blue for negative, white for zero, on one scale shared by the models shown,
 * with a colour bar from -max to +max left to right. Expected colours are written out by hand.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LayerWeights } from '../../engine/api';
import { canvasPixel, installPixelCanvas, setLayoutWidth } from '../../ui/testing/pixelCanvas';
import { axisTicks } from '../../ui/testing/readSvg';
import { WeightsRenderer, type WeightsFigureData, type WeightsPanelData } from './renderer';
import { sharedScales } from './weightsLayout';

const RED = [178, 24, 43, 255];
const BLUE = [43, 24, 178, 255];
const WHITE = [255, 255, 255, 255];
/** +0.5 of a scale of 1: halfway between the second and third red anchors */
const HALF_RED = [229, 131, 104, 255];

/** logistic regression on 2x3 images: w = [[0.5, -1, 0], [0.25, 1, -0.5]] */
const logistic: LayerWeights = {
  layerName: 'dense',
  kind: 'dense',
  units: 1,
  pieces: 1,
  imageShape: [2, 3, 1],
  data: Float32Array.of(0.5, -1, 0, 0.25, 1, -0.5),
};

/** maxout, 2 units x 2 pieces of 1x2 images; unit-major: unit 1 piece 0 is [0.5, -0.5] */
const maxout: LayerWeights = {
  layerName: 'maxout',
  kind: 'maxout',
  units: 2,
  pieces: 2,
  imageShape: [1, 2, 1],
  data: Float32Array.of(0.1, 0.2, 0.3, 0.4, 0.5, -0.5, 0, 0),
};

function figure(panels: WeightsPanelData[]): WeightsFigureData {
  return { panels, page: 0, unitsPerPage: 16, scales: sharedScales(panels), rgbMode: 'colour' };
}

let host: HTMLElement;
let renderer: WeightsRenderer;
const undo: (() => void)[] = [];

beforeEach(() => {
  undo.push(setLayoutWidth(700), installPixelCanvas());
  host = document.createElement('div');
  document.body.append(host);
  renderer = new WeightsRenderer(host);
});

afterEach(() => {
  renderer.destroy();
  host.remove();
  for (const f of undo.splice(0).reverse()) f();
});

function image(testId: string, panel: 'left' | 'right' = 'left'): HTMLCanvasElement {
  const el = host.querySelector<HTMLCanvasElement>(
    `[data-testid="weights-panel-${panel}"] [data-testid="${testId}"]`,
  );
  if (!el) throw new Error(`no image ${testId}`);
  return el;
}

describe('weights pictures', () => {
  it('logistic regression: each weight at its pixel, blue-white-red on the scale ±max|w|', () => {
    renderer.update(figure([{ side: 'left', title: 'LR', weights: logistic }]));
    const w = image('weights-image-0-0');
    expect([w.width, w.height]).toEqual([3, 2]);
    expect(canvasPixel(w, 0, 0), 'w = +0.5').toEqual(HALF_RED);
    expect(canvasPixel(w, 1, 0), 'w = -1').toEqual(BLUE);
    expect(canvasPixel(w, 2, 0), 'w = 0').toEqual(WHITE);
    expect(canvasPixel(w, 1, 1), 'w = +1').toEqual(RED);
    expect(w.title).toBe('LR, unit 0: w');
  });

  it('logistic regression: sign(w) beside w, full red or blue, white at 0', () => {
    renderer.update(figure([{ side: 'left', title: 'LR', weights: logistic }]));
    const sign = image('weights-image-0-sign');
    const row = (y: number) => [0, 1, 2].map((x) => canvasPixel(sign, x, y));
    expect(row(0)).toEqual([RED, BLUE, WHITE]);
    expect(row(1)).toEqual([RED, RED, BLUE]);
    expect(sign.title).toBe('LR, unit 0: sign(w)');
  });

  it("maxout: one image per unit's piece, from that unit's slice of the weights", () => {
    renderer.update(figure([{ side: 'left', title: 'maxout', weights: maxout }]));
    // scale = max |w| = 0.5, so unit 1 piece 0 = [0.5, -0.5] is full red then full blue
    const piece = image('weights-image-1-0');
    expect([canvasPixel(piece, 0, 0), canvasPixel(piece, 1, 0)]).toEqual([RED, BLUE]);
    expect(canvasPixel(image('weights-image-1-1'), 0, 0)).toEqual(WHITE);
    const units = Array.from(host.querySelectorAll('[data-testid^="weights-unit-"]'));
    expect(units.map((u) => u.querySelectorAll('canvas').length)).toEqual([2, 2]);
  });

  it('two models share one scale: the smaller weights look paler', () => {
    renderer.update(
      figure([
        { side: 'left', title: 'LR', weights: logistic },
        { side: 'right', title: 'maxout', weights: maxout },
      ]),
    );
    // +0.5 on the shared scale ±1 is half red, though it is the right model's largest weight
    expect(canvasPixel(image('weights-image-1-0', 'right'), 0, 0)).toEqual(HALF_RED);
    expect(
      host.querySelector('[data-testid="weights-panel-right"]')?.getAttribute('aria-label'),
    ).toBe(
      'maxout, first-layer weights: maxout: units 0–1 of 2; one row per unit, 2 ' +
        'pieces. Blue negative, white zero, red positive; scale shared with the other model ' +
        'shown: weight ±1.',
    );
  });

  it('RGB filters as colour: each channel 0.5 + 0.5 w / max, zero mid grey', () => {
    const rgb: LayerWeights = {
      layerName: 'conv',
      kind: 'conv',
      units: 2,
      pieces: 1,
      imageShape: [1, 1, 3],
      data: Float32Array.of(1, 0, -1, 0.5, 0.5, 0.5),
    };
    renderer.update(figure([{ side: 'left', title: 'conv', weights: rgb }]));
    expect(canvasPixel(image('weights-image-0-0'), 0, 0)).toEqual([255, 128, 0, 255]);
    expect(canvasPixel(image('weights-image-1-0'), 0, 0)).toEqual([191, 191, 191, 255]);
  });
});

describe('weights redrawn live (the Training lab)', () => {
  it('repaints the same canvases with the new weights, a new one where the size changes', () => {
    renderer.update(figure([{ side: 'left', title: 'LR', weights: logistic }]));
    const first = image('weights-image-0-0');
    const negated = { ...logistic, data: logistic.data.map((v) => -v) };
    renderer.update(figure([{ side: 'left', title: 'LR', weights: negated }]));
    const second = image('weights-image-0-0');
    expect(second).toBe(first);
    expect(canvasPixel(second, 1, 0), 'w = +1 now').toEqual(RED);
    expect(canvasPixel(second, 1, 1), 'w = -1 now').toEqual(BLUE);
    expect(host.querySelectorAll('canvas')).toHaveLength(2);
    const wider = { ...logistic, imageShape: [3, 2, 1] as [number, number, number] };
    renderer.update(figure([{ side: 'left', title: 'LR', weights: wider }]));
    expect([image('weights-image-0-0').width, image('weights-image-0-0').height]).toEqual([2, 3]);
  });
});

describe('weights colour bar', () => {
  it('runs from -max (blue) on the left through 0 (white) to +max (red)', () => {
    renderer.update(figure([{ side: 'left', title: 'LR', weights: logistic }]));
    const bar = host.querySelector('[data-testid="weights-colorbar-w"]');
    if (!bar) throw new Error('no colour bar');
    const ticks = axisTicks(bar.querySelector('g.tick')?.parentElement as Element, 'x');
    expect(ticks.map((t) => t.value)).toEqual([-1, 0, 1]);
    expect(ticks[0]!.at).toBeLessThan(ticks[2]!.at);
    const stops = Array.from(bar.querySelectorAll('stop'));
    const colourAt = (offset: string) =>
      stops.find((s) => s.getAttribute('offset') === offset)?.getAttribute('stop-color');
    expect([colourAt('0%'), colourAt('50%'), colourAt('100%')]).toEqual([
      '#2b18b2',
      '#ffffff',
      '#b2182b',
    ]);
    expect(bar.querySelector(':scope > text')?.textContent).toBe(
      'weight: one scale for every model shown (max |value| = 1); sign(w) at ±1',
    );
  });
});
