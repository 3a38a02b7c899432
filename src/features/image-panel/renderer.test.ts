// @vitest-environment happy-dom
/**
 * The image panel as a reader sees it (paper Fig. 1): original + perturbation = adversarial, each
 * under its title, with the prediction and confidence in its caption, the perturbation coloured
 * on the scale [-eps, eps] and its max-norm written out, and nothing stale while computing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canvasPixel, installPixelCanvas } from '../../ui/testing/pixelCanvas';
import { ImagePanelRenderer, type ImagePanelData, type PanelAttack } from './renderer';

const RED = [178, 24, 43, 255];
const BLUE = [43, 24, 178, 255];
const WHITE = [255, 255, 255, 255];
/** half of the scale's positive end: between the second and third red anchors */
const HALF_RED = [229, 131, 104, 255];
const NAMES = ['cat', 'dog', 'bird', 'fish'];
const EPS = 0.25;

/** a 2x2 grey image [[0, 0.5], [1, 0.25]] */
const original = { data: Float32Array.of(0, 0.5, 1, 0.25), height: 2, width: 2, channels: 1 };

function attack(attackedClass = 2): PanelAttack {
  return {
    eps: EPS,
    perturbation: Float32Array.of(0.25, -0.25, 0, 0.125),
    adversarial: { ...original, data: Float32Array.of(0.25, 0.25, 1, 0.375) },
    clean: { predictedClass: 0, confidence: 0.9, probabilities: [0.9, 0.05, 0.03, 0.02] },
    attacked: {
      predictedClass: attackedClass,
      confidence: 0.612,
      probabilities: [0.2, 0.1, 0.612, 0.088],
    },
    linfNorm: EPS,
  };
}

function panelData(a: PanelAttack | null): ImagePanelData {
  return {
    original,
    classNames: NAMES,
    trueLabel: 0,
    targetClass: 3,
    resultTitle: 'Adversarial',
    attack: a,
  };
}

let host: HTMLElement;
let panel: ImagePanelRenderer;
let restoreCanvas: () => void;

beforeEach(() => {
  restoreCanvas = installPixelCanvas();
  host = document.createElement('div');
  document.body.append(host);
  panel = new ImagePanelRenderer(host);
});

afterEach(() => {
  panel.destroy();
  host.remove();
  restoreCanvas();
});

const byTestId = <T extends Element = HTMLElement>(id: string): T => {
  const el = host.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no ${id}`);
  return el;
};
const text = (id: string) => byTestId(id).textContent;
const pixels = (id: string) => {
  const canvas = byTestId<HTMLCanvasElement>(id);
  return [0, 1].flatMap((y) => [0, 1].map((x) => canvasPixel(canvas, x, y)));
};
const grey = (v: number) => [v, v, v, 255];

describe('image panel captions', () => {
  it('an ImageNet model under FGSM reads as the paper’s Fig. 1, first synonyms only', () => {
    const names = [
      'giant panda, panda, panda bear',
      'nematode, nematode worm',
      'gibbon, Hylobates lar',
    ];
    const fgsm = { ...attack(2), eps: 0.007, linfNorm: 0.007 };
    panel.update({ ...panelData(fgsm), classNames: [...names, 'x'], figure1: true });
    const titles = Array.from(host.querySelectorAll('figcaption'), (t) => t.textContent);
    expect(titles).toEqual(['x', 'ε · sign(∇ₓ J(θ, x, y))', 'x + ε · sign(∇ₓ J(θ, x, y))']);
    expect(text('pred-original')).toBe('“giant panda” 90.0% confidence');
    expect(text('pred-adversarial')).toBe('“gibbon” 61.2% confidence');
    expect(text('perturbation-norm')).toBe('ε = 0.007 (2/255); ‖η‖∞ = 0.007 after clipping');
    // back to the app's own wording for another model
    panel.update(panelData(attack()));
    expect(text('pred-original')).toBe('cat · 90.0%');
  });

  it('reads original + perturbation = adversarial, each titled', () => {
    panel.update(panelData(attack()));
    const titles = Array.from(host.querySelectorAll('figcaption'), (t) => t.textContent);
    expect(titles).toEqual(['Original', 'Perturbation η', 'Adversarial']);
    const operators = Array.from(host.querySelectorAll('.ae-image-panel__operator'));
    expect(operators.map((o) => o.textContent)).toEqual(['+', '=']);
  });

  it('names the prediction and confidence under each image and the max-norm under η', () => {
    panel.update(panelData(attack()));
    expect(text('pred-original')).toBe('cat · 90.0%');
    expect(text('pred-adversarial')).toBe('bird · 61.2%');
    expect(text('perturbation-norm')).toBe('‖η‖∞ = 0.250 (64/255)');
    expect(byTestId('image-original').getAttribute('aria-label')).toBe(
      'original test image, true class cat',
    );
    expect(byTestId('image-perturbation').getAttribute('aria-label')).toBe(
      'perturbation, coloured from −0.25 to +0.25',
    );
    expect(byTestId('image-adversarial').getAttribute('aria-label')).toBe('adversarial image');
  });

  it('marks the adversarial card only when the prediction changed', () => {
    panel.update(panelData(attack(2)));
    const card = () => byTestId('image-adversarial').parentElement;
    expect(card()?.classList.contains('is-changed')).toBe(true);
    panel.update(panelData(attack(0)));
    expect(card()?.classList.contains('is-changed')).toBe(false);
    expect(text('pred-adversarial')).toBe('cat · 61.2%');
  });

  it('says computing while the engine works, and keeps no stale prediction', () => {
    panel.update(panelData(attack()));
    panel.update({ ...panelData(null), originalTitle: 'Your picture' });
    expect(host.querySelector('figcaption')?.textContent).toBe('Your picture');
    for (const id of ['pred-original', 'pred-adversarial', 'perturbation-norm']) {
      expect(text(id), id).toBe('computing…');
    }
    panel.update(panelData(attack()));
    panel.showNothing();
    expect([text('pred-original'), text('pred-adversarial'), text('perturbation-norm')]).toEqual([
      'computing…',
      'computing…',
      '',
    ]);
  });

  it('class probabilities: the true class ticked, the predicted and target rows marked', () => {
    panel.update(panelData(attack()));
    const rows = Array.from(
      byTestId('probs-adversarial').querySelectorAll('.ae-probs__row'),
      (row) => ({
        label: row.querySelector('.ae-probs__label')?.textContent,
        value: row.querySelector('.ae-probs__value')?.textContent,
        marks: ['is-predicted', 'is-true', 'is-target'].filter((c) => row.classList.contains(c)),
      }),
    );
    expect(rows).toEqual([
      { label: '✓ cat', value: '20.0%', marks: ['is-true'] },
      { label: 'dog', value: '10.0%', marks: [] },
      { label: 'bird', value: '61.2%', marks: ['is-predicted'] },
      { label: 'fish', value: '8.8%', marks: ['is-target'] },
    ]);
  });
});

describe('image panel pictures', () => {
  it('draws the original and adversarial pixels as grey bytes', () => {
    panel.update(panelData(attack()));
    expect(pixels('image-original')).toEqual([grey(0), grey(128), grey(255), grey(64)]);
    expect(pixels('image-adversarial')).toEqual([grey(64), grey(64), grey(255), grey(96)]);
  });

  it('colours η on [-eps, eps]: +eps red, -eps blue, 0 white, eps/2 half red', () => {
    panel.update(panelData(attack()));
    expect(pixels('image-perturbation')).toEqual([RED, BLUE, WHITE, HALF_RED]);
    const ticks = Array.from(
      byTestId('perturbation-legend').querySelectorAll('text'),
      (t) => t.textContent,
    );
    expect(ticks).toEqual(['−0.25', '0', '+0.25']);
  });

  it('colour images: η per channel on a grey scale, 0 mid grey', () => {
    const rgb = { data: Float32Array.of(0.5, 0.5, 0.5), height: 1, width: 1, channels: 3 };
    panel.update({
      ...panelData({
        ...attack(),
        perturbation: Float32Array.of(0.25, 0, -0.25),
        adversarial: { ...rgb, data: Float32Array.of(0.75, 0.5, 0.25) },
      }),
      original: rgb,
    });
    expect(canvasPixel(byTestId('image-perturbation'), 0, 0)).toEqual([255, 128, 0, 255]);
    expect(canvasPixel(byTestId('image-adversarial'), 0, 0)).toEqual([191, 128, 64, 255]);
  });
});
