/**
 * Figure export from the DOM: a figure is an element whose canvases (dense maps, images) and SVG
 * layers (axes, lines, labels) are stacked in place. SVG export embeds each canvas as an image and
 * each SVG with its computed styles inlined (so it looks the same outside the page's CSS); PNG
 * export paints the same layers onto one canvas. Elements under [data-export-ignore] (tooltips,
 * focus rings) are left out; HTML text marked [data-export-text] comes along (see exportText). An
 * unfinished figure's export carries a note saying so, on top of the picture and in its metadata.
 */
import {
  collectTextLayers,
  NOTE_BAND,
  noteToSvg,
  paintNote,
  paintTextLayer,
  textLayerToSvg,
} from './exportText';

export interface FigureExportOptions {
  /** set while the figure is unfinished: "Partial: 2 of 6 maps computed" */
  note?: string | null;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Presentation properties copied from computed style, so CSS classes and currentColor survive. */
const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
  'shape-rendering',
  'paint-order',
] as const;

/** Copies computed presentation styles from `source` onto the parallel tree `target`. */
export function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const declarations = STYLE_PROPERTIES.map((p) => `${p}:${computed.getPropertyValue(p)}`).filter(
    (d) => !d.endsWith(':'),
  );
  target.setAttribute('style', declarations.join(';'));
  const sourceChildren = source.children;
  const targetChildren = target.children;
  for (let i = 0; i < sourceChildren.length; i++) {
    const s = sourceChildren[i];
    const t = targetChildren[i];
    if (s && t) inlineStyles(s, t);
  }
}

function isIgnored(el: Element, root: Element): boolean {
  const ignored = el.closest('[data-export-ignore]');
  return ignored !== null && root.contains(ignored);
}

/** A standalone copy of an SVG element with styles inlined and ignored parts removed. */
export function standaloneSvg(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.querySelectorAll('[data-export-ignore]').forEach((el) => el.remove());
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return clone;
}

export function serializeSvg(svg: SVGSVGElement): string {
  return new XMLSerializer().serializeToString(standaloneSvg(svg));
}

interface Layer {
  el: HTMLCanvasElement | SVGSVGElement;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Canvases and outermost SVGs under `root`, in paint (document) order, placed relative to it. */
function collectLayers(root: HTMLElement): Layer[] {
  const origin = root.getBoundingClientRect();
  const layers: Layer[] = [];
  root.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg').forEach((el) => {
    if (el instanceof SVGSVGElement && el.parentElement?.closest('svg')) return;
    if (isIgnored(el, root)) return;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return;
    if (getComputedStyle(el).visibility === 'hidden') return;
    layers.push({
      el,
      x: rect.left - origin.left,
      y: rect.top - origin.top,
      width: rect.width,
      height: rect.height,
    });
  });
  return layers;
}

/** The first non-transparent background colour at or above `el` (white if none). */
export function backgroundColorOf(el: Element): string {
  for (let node: Element | null = el; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && colour !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return '#ffffff';
}

/** A canvas scaled up to its displayed size with nearest-neighbour sampling, as a data URL. */
function canvasToDataUrl(canvas: HTMLCanvasElement, width: number, height: number): string {
  const w = Math.max(1, Math.round(width));
  const h = Math.max(1, Math.round(height));
  if (w === canvas.width && h === canvas.height) return canvas.toDataURL('image/png');
  const scaled = document.createElement('canvas');
  scaled.width = w;
  scaled.height = h;
  const ctx = scaled.getContext('2d');
  if (!ctx) return canvas.toDataURL('image/png');
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(canvas, 0, 0, w, h);
  return scaled.toDataURL('image/png');
}

/** The whole figure as one standalone SVG document. */
export function figureToSvg(root: HTMLElement, options: FigureExportOptions = {}): string {
  const { width, height: figureHeight } = root.getBoundingClientRect();
  const note = options.note ?? null;
  const top = note ? NOTE_BAND : 0;
  const height = figureHeight + top;
  const out = document.createElementNS(SVG_NS, 'svg');
  out.setAttribute('xmlns', SVG_NS);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const label = root.getAttribute('aria-label');
  if (label) {
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = label;
    out.appendChild(title);
  }
  if (note) {
    out.setAttribute('data-partial', 'true');
    const desc = document.createElementNS(SVG_NS, 'desc');
    desc.textContent = note;
    out.appendChild(desc);
  }
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', backgroundColorOf(root));
  out.appendChild(background);
  if (note) out.appendChild(noteToSvg(note, width));
  const content = document.createElementNS(SVG_NS, 'g');
  if (top > 0) content.setAttribute('transform', `translate(0 ${top})`);
  out.appendChild(content);
  for (const layer of collectLayers(root)) {
    if (layer.el instanceof HTMLCanvasElement) {
      const image = document.createElementNS(SVG_NS, 'image');
      image.setAttribute('x', String(layer.x));
      image.setAttribute('y', String(layer.y));
      image.setAttribute('width', String(layer.width));
      image.setAttribute('height', String(layer.height));
      image.setAttribute('href', canvasToDataUrl(layer.el, layer.width, layer.height));
      content.appendChild(image);
    } else {
      const svg = standaloneSvg(layer.el);
      svg.removeAttribute('xmlns');
      svg.setAttribute('x', String(layer.x));
      svg.setAttribute('y', String(layer.y));
      content.appendChild(svg);
    }
  }
  for (const text of collectTextLayers(root)) content.appendChild(textLayerToSvg(text));
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(out);
}

function loadSvgImage(svg: SVGSVGElement): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(
    new Blob([serializeSvg(svg)], { type: 'image/svg+xml;charset=utf-8' }),
  );
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      URL.revokeObjectURL(url);
      resolve(image);
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('could not render the SVG layer for the PNG export'));
    };
    image.src = url;
  });
}

/** The whole figure painted onto one canvas at `scale` device pixels per CSS pixel, as PNG. */
export async function figureToPng(
  root: HTMLElement,
  scale = 2,
  options: FigureExportOptions = {},
): Promise<Blob> {
  const { width, height: figureHeight } = root.getBoundingClientRect();
  const note = options.note ?? null;
  const top = note ? NOTE_BAND : 0;
  const height = figureHeight + top;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context for the PNG export');
  ctx.scale(scale, scale);
  ctx.fillStyle = backgroundColorOf(root);
  ctx.fillRect(0, 0, width, height);
  if (note) paintNote(ctx, note, width);
  ctx.translate(0, top);
  const layers = collectLayers(root);
  // SVG layers decode asynchronously: load them all first, then paint in document order
  const images = await Promise.all(
    layers.map((l) => (l.el instanceof SVGSVGElement ? loadSvgImage(l.el) : Promise.resolve(null))),
  );
  layers.forEach((layer, i) => {
    ctx.imageSmoothingEnabled = !(layer.el instanceof HTMLCanvasElement);
    const source = layer.el instanceof HTMLCanvasElement ? layer.el : images[i];
    if (source) ctx.drawImage(source, layer.x, layer.y, layer.width, layer.height);
  });
  for (const text of collectTextLayers(root)) paintTextLayer(ctx, text);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))),
      'image/png',
    ),
  );
}
