/**
 * The image panel as the paper's Fig. 1 reads: original + perturbation = adversarial image, each
 * drawn crisply at native resolution and scaled up, each with the model's prediction and its
 * class probabilities. Knows nothing of React, the store or tfjs: it draws what update() gets.
 */
import {
  divergingToRgba,
  imageToRgba,
  rgbWeightsToRgba,
  type PixelImage,
} from '../../shared/colormaps';
import { PerturbationLegend, formatSigned, type PerturbationScale } from './perturbationLegend';
import { ProbabilityBars, formatPercent } from './probabilityBars';

export interface PanelPrediction {
  predictedClass: number;
  confidence: number;
  probabilities: ArrayLike<number>;
}

export interface PanelAttack {
  /** the eps the result was computed with: the perturbation's colour scale is [-eps, eps] */
  eps: number;
  /** adversarial - original, HWC, same shape as the original */
  perturbation: ArrayLike<number>;
  adversarial: PixelImage;
  clean: PanelPrediction;
  attacked: PanelPrediction;
  /** max-norm actually reached, as the engine measured it */
  linfNorm: number;
}

export interface ImagePanelData {
  original: PixelImage;
  classNames: readonly string[];
  trueLabel: number | null;
  /** the class a targeted attack aims at */
  targetClass: number | null;
  /** "Adversarial", "Random-sign noise", ... */
  resultTitle: string;
  /** default "Original" */
  originalTitle?: string;
  /** null until the engine has answered for this model and image */
  attack: PanelAttack | null;
}

export interface ImagePanelOptions {
  /** CSS pixels of the longer image side (default 168) */
  displaySize?: number;
}

type CardRole = 'original' | 'perturbation' | 'adversarial';

interface Card {
  root: HTMLElement;
  title: HTMLElement;
  canvas: HTMLCanvasElement;
  caption: HTMLElement;
}

function element<K extends keyof HTMLElementTagNameMap>(
  parent: HTMLElement,
  tag: K,
  className: string,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  parent.append(el);
  return el;
}

function makeCard(parent: HTMLElement, role: CardRole): Card {
  const root = element(parent, 'figure', `ae-image-card ae-image-card--${role}`);
  const title = element(root, 'figcaption', 'ae-image-card__title');
  const canvas = element(root, 'canvas', 'ae-pixels');
  canvas.dataset.testid = `image-${role}`;
  canvas.setAttribute('role', 'img');
  const caption = element(root, 'p', 'ae-image-card__caption');
  caption.dataset.testid = role === 'perturbation' ? 'perturbation-norm' : `pred-${role}`;
  caption.setAttribute('aria-live', 'polite');
  return { root, title, canvas, caption };
}

function operator(parent: HTMLElement, symbol: string): void {
  const el = element(parent, 'div', 'ae-image-panel__operator');
  el.textContent = symbol;
  el.setAttribute('aria-hidden', 'true');
}

/** one channel per pixel for the diverging map: the first channel of anything not RGB */
function firstChannel(values: ArrayLike<number>, channels: number): ArrayLike<number> {
  if (channels === 1) return values;
  const out = new Float32Array(Math.floor(values.length / channels));
  for (let i = 0; i < out.length; i++) out[i] = values[i * channels] ?? 0;
  return out;
}

export class ImagePanelRenderer {
  private readonly root: HTMLElement;
  private readonly cards: Record<CardRole, Card>;
  private readonly bars: { original: ProbabilityBars; adversarial: ProbabilityBars };
  private readonly legend: PerturbationLegend;
  private readonly displaySize: number;

  constructor(el: HTMLElement, opts: ImagePanelOptions = {}) {
    this.displaySize = opts.displaySize ?? 168;
    this.root = element(el, 'div', 'ae-image-panel__figures');
    const original = makeCard(this.root, 'original');
    operator(this.root, '+');
    const perturbation = makeCard(this.root, 'perturbation');
    operator(this.root, '=');
    const adversarial = makeCard(this.root, 'adversarial');
    this.cards = { original, perturbation, adversarial };
    // on a phone the bars sit below the row of images (imagePanel.css), so they say whose they are
    element(original.root, 'p', 'ae-image-card__bars-title').textContent =
      'Class probabilities of the original';
    element(adversarial.root, 'p', 'ae-image-card__bars-title').textContent =
      'Class probabilities of the result';
    this.bars = {
      original: new ProbabilityBars(original.root, 'probs-original'),
      adversarial: new ProbabilityBars(adversarial.root, 'probs-adversarial'),
    };
    this.legend = new PerturbationLegend(perturbation.root);
  }

  update(data: ImagePanelData): void {
    const { original, attack, classNames } = data;
    const name = (i: number) => classNames[i] ?? `class ${i}`;
    const truth = data.trueLabel === null ? '' : `, true class ${name(data.trueLabel)}`;

    this.cards.original.title.textContent = data.originalTitle ?? 'Original';
    this.draw(this.cards.original.canvas, original, imageToRgba(original));
    this.cards.original.canvas.setAttribute('aria-label', `original test image${truth}`);
    this.predict(this.cards.original.caption, attack?.clean ?? null, name);
    this.bars.original.update(
      attack && {
        probabilities: attack.clean.probabilities,
        classNames,
        predictedClass: attack.clean.predictedClass,
        trueLabel: data.trueLabel,
        targetClass: null,
      },
    );

    const scale: PerturbationScale = original.channels === 3 ? 'per-channel-grey' : 'diverging';
    const pert = this.cards.perturbation;
    pert.title.textContent = 'Perturbation η';
    this.cards.adversarial.title.textContent = data.resultTitle;
    this.root.classList.toggle('is-pending', attack === null);

    if (!attack) {
      pert.caption.textContent = 'computing…';
      delete pert.caption.dataset.linf;
      this.clear(pert.canvas, original);
      this.clear(this.cards.adversarial.canvas, original);
      this.predict(this.cards.adversarial.caption, null, name);
      this.bars.adversarial.update(null);
      this.legend.update(0, scale);
      return;
    }

    const maxAbs = attack.eps > 0 ? attack.eps : 1;
    const rgba =
      scale === 'per-channel-grey'
        ? rgbWeightsToRgba(attack.perturbation, maxAbs)
        : divergingToRgba(firstChannel(attack.perturbation, original.channels), maxAbs);
    this.draw(pert.canvas, original, rgba);
    pert.canvas.setAttribute(
      'aria-label',
      `perturbation, coloured from ${formatSigned(-attack.eps)} to ${formatSigned(attack.eps)}`,
    );
    pert.caption.textContent = `‖η‖∞ = ${attack.linfNorm.toFixed(3)} (${Math.round(attack.linfNorm * 255)}/255)`;
    pert.caption.dataset.linf = String(attack.linfNorm);
    this.legend.update(attack.eps, scale);

    const adv = this.cards.adversarial;
    this.draw(adv.canvas, attack.adversarial, imageToRgba(attack.adversarial));
    adv.canvas.setAttribute('aria-label', `${data.resultTitle.toLowerCase()} image`);
    this.predict(adv.caption, attack.attacked, name);
    const fooled = attack.attacked.predictedClass !== attack.clean.predictedClass;
    adv.root.classList.toggle('is-changed', fooled);
    this.bars.adversarial.update({
      probabilities: attack.attacked.probabilities,
      classNames,
      predictedClass: attack.attacked.predictedClass,
      trueLabel: data.trueLabel,
      targetClass: data.targetClass,
    });
  }

  /**
   * Drops every shown result while there is no image (a new model's test images are loading):
   * a hidden panel must not keep the previous model's prediction in its captions.
   */
  showNothing(): void {
    this.root.classList.add('is-pending');
    for (const role of ['original', 'adversarial'] as const) {
      this.predict(this.cards[role].caption, null, String);
      this.bars[role].update(null);
    }
    const pert = this.cards.perturbation.caption;
    pert.textContent = '';
    delete pert.dataset.linf;
  }

  destroy(): void {
    this.bars.original.destroy();
    this.bars.adversarial.destroy();
    this.legend.destroy();
    this.root.remove();
  }

  private size(canvas: HTMLCanvasElement, image: PixelImage): void {
    if (canvas.width !== image.width) canvas.width = image.width;
    if (canvas.height !== image.height) canvas.height = image.height;
    const scale = this.displaySize / Math.max(image.width, image.height);
    canvas.style.width = `${Math.round(image.width * scale)}px`;
    canvas.style.height = `${Math.round(image.height * scale)}px`;
  }

  private draw(canvas: HTMLCanvasElement, image: PixelImage, rgba: Uint8ClampedArray): void {
    this.size(canvas, image);
    const ctx = canvas.getContext('2d');
    ctx?.putImageData(new ImageData(new Uint8ClampedArray(rgba), image.width, image.height), 0, 0);
  }

  private clear(canvas: HTMLCanvasElement, image: PixelImage): void {
    this.size(canvas, image);
    canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
  }

  private predict(
    el: HTMLElement,
    prediction: PanelPrediction | null,
    name: (i: number) => string,
  ): void {
    if (!prediction) {
      el.textContent = 'computing…';
      delete el.dataset.class;
      delete el.dataset.confidence;
      return;
    }
    el.textContent = `${name(prediction.predictedClass)} · ${formatPercent(prediction.confidence)}`;
    el.dataset.class = String(prediction.predictedClass);
    el.dataset.confidence = String(prediction.confidence);
  }
}
