/**
 * First-layer weights as images (paper Fig. 2 and 3): for each model a panel of unit blocks
 * (maxout: its pieces in a row; logistic regression: w and sign(w)), drawn as canvases under one
 * SVG layer with titles, labels and the colour bar of the shared symmetric scale. Knows nothing of
 * React, the store or tfjs.
 */
import * as d3 from 'd3';
import { OverlayFigure } from '../../ui/OverlayFigure';
import type { LayerWeights } from '../../engine/api';
import {
  divergingColor,
  divergingToRgba,
  rgbToHex,
  rgbWeightsToRgba,
  signToRgba,
  symmetricMaxAbs,
} from '../../shared/colormaps';
import {
  channelSlice,
  pageInfo,
  panelLayout,
  shownChannels,
  unitSlice,
  weightsDisplay,
  type RgbMode,
  scaleKey,
  SCALE_LABELS,
  type ScaleKey,
} from './weightsLayout';

export interface WeightsPanelData {
  side: 'left' | 'right';
  title: string;
  weights: LayerWeights;
}

export interface WeightsFigureData {
  panels: readonly WeightsPanelData[];
  page: number;
  unitsPerPage: number;
  /** half-width of each shared symmetric colour scale (see sharedScales) */
  scales: ReadonlyMap<ScaleKey, number>;
  rgbMode: RgbMode;
}

const PANEL_GAP = 24;
const HEADER = 36;
const COLOR_BAR_HEIGHT = 60;
const CHANNEL_NAMES = ['R', 'G', 'B'];
/** gradient ids must be unique in the page, across instances */
let gradientCount = 0;

interface ImageSpec {
  label: string;
  testId: string;
  rgba: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
}

/** The images of one unit, left to right. */
function unitImages(
  weights: LayerWeights,
  unit: number,
  scales: ReadonlyMap<ScaleKey, number>,
  rgbMode: RgbMode,
): ImageSpec[] {
  const [h, w, c] = weights.imageShape;
  const channels = shownChannels(c, rgbMode);
  const display = weightsDisplay(weights);
  const images: ImageSpec[] = [];
  for (let piece = 0; piece < weights.pieces; piece++) {
    const values = unitSlice(weights, unit, piece);
    const maxAbs = scales.get(scaleKey(weights.kind, piece)) ?? 0;
    const variants: { name: string; testId: string; sign: boolean }[] =
      display === 'logistic'
        ? [
            { name: 'w', testId: `weights-image-${unit}-0`, sign: false },
            { name: 'sign(w)', testId: `weights-image-${unit}-sign`, sign: true },
          ]
        : [
            {
              name: pieceName(weights, unit, piece),
              testId: `weights-image-${unit}-${piece}`,
              sign: false,
            },
          ];
    for (const variant of variants) {
      for (let channel = 0; channel < channels; channel++) {
        const perChannel = channels > 1;
        const plane = perChannel ? channelSlice(values, c, channel) : values;
        let rgba: Uint8ClampedArray<ArrayBuffer>;
        if (variant.sign) rgba = signToRgba(plane);
        else if (!perChannel && c === 3)
          rgba = rgbWeightsToRgba(values, rgbMode === 'filter' ? symmetricMaxAbs(values) : maxAbs);
        else rgba = divergingToRgba(plane, maxAbs);
        const channelName = perChannel ? ` ${CHANNEL_NAMES[channel] ?? `channel ${channel}`}` : '';
        images.push({
          label: `${variant.name}${channelName}`,
          testId: perChannel ? `${variant.testId}-channel-${channel}` : variant.testId,
          rgba,
          width: w,
          height: h,
        });
      }
    }
  }
  return images;
}

function pieceName(weights: LayerWeights, unit: number, piece: number): string {
  if (weights.kind === 'rbf') return piece === 0 ? `class ${unit} · centre μ` : 'precision β';
  return weights.pieces > 1 ? `piece ${piece + 1}` : `unit ${unit}`;
}

function subtitle(weights: LayerWeights, units: number, start: number, end: number): string {
  const display = weightsDisplay(weights);
  const range =
    end - start > 1
      ? `units ${start}–${end - 1} of ${units}`
      : end > start
        ? `unit ${start} of ${units}`
        : `no units on this page (of ${units})`;
  if (display === 'logistic') return `${weights.layerName}: w and sign(w)`;
  if (weights.kind === 'rbf')
    return `${weights.layerName}: ${range}; centre μ and precision β per class`;
  if (display === 'pieces')
    return `${weights.layerName}: ${range}; one row per unit, ${weights.pieces} pieces`;
  return `${weights.layerName} (${weights.kind}): ${range}`;
}

function formatScale(v: number): string {
  return Number(v.toPrecision(3)).toString();
}

export class WeightsRenderer extends OverlayFigure<WeightsFigureData> {
  /**
   * The last render's canvases by panel side and image: a live view (the Training lab redraws
   * a few times a second) repaints them instead of making new ones and their contexts.
   */
  private canvases = new Map<string, HTMLCanvasElement>();
  private reusable = new Map<string, HTMLCanvasElement>();

  constructor(el: HTMLElement) {
    super(el, 'weights-figure');
  }

  /** A canvas of this size for `key`: last render's, or a new one. */
  private canvasFor(key: string, width: number, height: number): HTMLCanvasElement {
    const canvas = this.reusable.get(key) ?? document.createElement('canvas');
    this.reusable.delete(key);
    // setting either size clears the canvas and its context's state: only when it changes
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    this.canvases.set(key, canvas);
    return canvas;
  }

  protected render(): void {
    this.reusable = this.canvases;
    this.canvases = new Map();
    this.layer.textContent = '';
    this.svg.selectAll('*').remove();
    const data = this.data;
    const width = this.width;
    if (!data || data.panels.length === 0 || width <= 0) {
      this.root.style.height = '0px';
      this.svg.attr('width', 0).attr('height', 0);
      return;
    }
    const sideBySide = data.panels.length > 1 && width >= 2 * 300 + PANEL_GAP;
    const panelWidth = sideBySide
      ? Math.floor((width - PANEL_GAP * (data.panels.length - 1)) / data.panels.length)
      : width;

    // the colour scale first: it reads every image below, and stays on the first screen
    const hasSign = data.panels.some((p) => weightsDisplay(p.weights) === 'logistic');
    const colourOnly = data.panels.every(
      (p) => p.weights.imageShape[2] === 3 && data.rgbMode !== 'channels',
    );
    let barTop = 0;
    for (const [key, maxAbs] of data.scales) {
      this.renderColorBar(
        barTop,
        Math.min(320, width),
        key,
        maxAbs,
        hasSign,
        colourOnly ? data.rgbMode : null,
      );
      barTop += COLOR_BAR_HEIGHT;
    }

    let x = 0;
    let y = barTop + 8;
    let rowHeight = 0;
    for (const panel of data.panels) {
      const height = this.renderPanel(panel, data, x, y, panelWidth);
      rowHeight = Math.max(rowHeight, height);
      if (sideBySide) x += panelWidth + PANEL_GAP;
      else y += height + PANEL_GAP;
    }
    barTop = sideBySide ? y + rowHeight : y;
    const total = barTop;
    this.root.style.height = `${total}px`;
    this.svg.attr('width', width).attr('height', total).attr('viewBox', `0 0 ${width} ${total}`);
  }

  /** Draws one model's panel at (x0, y0); returns its height. */
  private renderPanel(
    panel: WeightsPanelData,
    data: WeightsFigureData,
    x0: number,
    y0: number,
    width: number,
  ): number {
    const { weights } = panel;
    const { start, end } = pageInfo(data.page, data.unitsPerPage, weights.units);
    const units = Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
    const [h, w, c] = weights.imageShape;
    const imagesPerUnit =
      weights.pieces *
      (weightsDisplay(weights) === 'logistic' ? 2 : 1) *
      shownChannels(c, data.rgbMode);
    const layout = panelLayout(units.length, imagesPerUnit, w, h, width);

    const panelEl = document.createElement('div');
    panelEl.className = 'weights-panel';
    panelEl.dataset.testid = `weights-panel-${panel.side}`;
    panelEl.dataset.units = String(weights.units);
    panelEl.dataset.pieces = String(weights.pieces);
    panelEl.dataset.kind = weights.kind;
    panelEl.dataset.shownUnits = String(units.length);
    panelEl.setAttribute('role', 'img');
    panelEl.setAttribute(
      'aria-label',
      `${panel.title}, first-layer weights: ${subtitle(weights, weights.units, start, end)}. ` +
        `Blue negative, white zero, red positive; scale shared with the other model shown: ` +
        [...data.scales]
          .map(([key, maxAbs]) => `${SCALE_LABELS[key]} ±${formatScale(maxAbs)}`)
          .join(', ') +
        '.',
    );
    Object.assign(panelEl.style, {
      left: `${x0}px`,
      top: `${y0}px`,
      width: `${width}px`,
      height: `${HEADER + layout.height}px`,
    });
    this.layer.appendChild(panelEl);

    this.svg
      .append('text')
      .attr('x', x0)
      .attr('y', y0 + 13)
      .attr('font-size', 13)
      .attr('font-weight', 700)
      .attr('fill', 'currentColor')
      .text(panel.title);
    this.svg
      .append('text')
      .attr('x', x0)
      .attr('y', y0 + 28)
      .attr('fill', 'currentColor')
      .attr('fill-opacity', 0.8)
      .text(subtitle(weights, weights.units, start, end));

    units.forEach((unit, i) => {
      const block = layout.blocks[i];
      if (!block) return;
      const unitEl = document.createElement('div');
      unitEl.className = 'weights-unit';
      unitEl.dataset.testid = `weights-unit-${unit}`;
      unitEl.dataset.unit = String(unit);
      Object.assign(unitEl.style, {
        left: `${block.x}px`,
        top: `${HEADER + block.y}px`,
        width: `${layout.blockWidth}px`,
        height: `${layout.blockHeight}px`,
      });
      panelEl.appendChild(unitEl);
      const images = unitImages(weights, unit, data.scales, data.rgbMode);
      images.forEach((image, j) => {
        const at = block.images[j];
        if (!at) return;
        const canvas = this.canvasFor(`${panel.side}/${image.testId}`, image.width, image.height);
        canvas.dataset.testid = image.testId;
        canvas.title = `${panel.title}, unit ${unit}: ${image.label}`;
        Object.assign(canvas.style, {
          left: `${at.x}px`,
          top: `${at.y}px`,
          width: `${layout.cellWidth}px`,
          height: `${layout.cellHeight}px`,
        });
        canvas
          .getContext('2d')
          ?.putImageData(new ImageData(image.rgba, image.width, image.height), 0, 0);
        unitEl.appendChild(canvas);
      });
      // logistic regression: a label over each of w and sign(w); otherwise one per unit
      const labels =
        weightsDisplay(weights) === 'logistic' || weights.kind === 'rbf'
          ? images.map((im, j) => ({ text: im.label, x: block.images[j]?.x ?? 0 }))
          : [{ text: `unit ${unit}`, x: 0 }];
      for (const label of labels) {
        this.svg
          .append('text')
          .attr('x', x0 + block.x + label.x)
          .attr('y', y0 + HEADER + block.y + 10)
          .attr('fill', 'currentColor')
          .text(label.text);
      }
    });
    return HEADER + layout.height;
  }

  private renderColorBar(
    top: number,
    width: number,
    key: ScaleKey,
    maxAbs: number,
    hasSign: boolean,
    /** RGB filters drawn as colour: a caption says how, instead of a bar */
    colourMode: RgbMode | null,
  ): void {
    const bar = this.svg
      .append('g')
      .attr('data-testid', `weights-colorbar-${key}`)
      .attr('transform', `translate(24,${top + 4})`);
    const barWidth = width - 48;
    if (colourMode && key === 'w') {
      bar
        .append('text')
        .attr('y', 12)
        .attr('fill', 'currentColor')
        .text(
          colourMode === 'filter'
            ? 'RGB filters, each on its own scale: each channel 0.5 + 0.5·w/max|w| of that filter; zero = mid grey'
            : `RGB filters: each channel 0.5 + 0.5·w/${formatScale(maxAbs)}; zero = mid grey`,
        );
      return;
    }
    const gradientId = `weights-gradient-${++gradientCount}`;
    const gradient = bar
      .append('defs')
      .append('linearGradient')
      .attr('id', gradientId)
      .attr('x1', '0%')
      .attr('x2', '100%');
    for (let i = 0; i <= 12; i++) {
      const t = i / 6 - 1;
      gradient
        .append('stop')
        .attr('offset', `${(i / 12) * 100}%`)
        .attr('stop-color', rgbToHex(divergingColor(t)));
    }
    bar
      .append('rect')
      .attr('width', barWidth)
      .attr('height', 12)
      .attr('fill', `url(#${gradientId})`)
      .attr('stroke', 'currentColor')
      .attr('stroke-opacity', 0.4);
    const scale = d3.scaleLinear().domain([-maxAbs, maxAbs]).range([0, barWidth]);
    bar
      .append('g')
      .attr('transform', 'translate(0,12)')
      .call(
        d3
          .axisBottom(scale)
          .tickValues([-maxAbs, 0, maxAbs])
          .tickFormat((d) => formatScale(Number(d)))
          .tickSizeOuter(0),
      );
    bar
      .append('text')
      .attr('y', 44)
      .attr('fill', 'currentColor')
      .text(
        `${SCALE_LABELS[key]}: one scale for every model shown (max |value| = ${formatScale(maxAbs)})` +
          (hasSign && key === 'w' ? '; sign(w) at ±1' : ''),
      );
  }
}
