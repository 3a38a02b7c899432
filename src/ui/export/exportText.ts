/**
 * HTML text inside a figure (titles, captions, predictions) for the SVG and PNG exports, which
 * otherwise carry only canvases and SVG layers: every element marked [data-export-text] becomes
 * one line of text at its place, in its computed font and colour. And the note an unfinished
 * figure carries into its file.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface TextLayer {
  text: string;
  /** anchor point relative to the figure; y is the line's middle */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  font: string;
  fontSize: string;
  fontFamily: string;
  fontWeight: string;
  colour: string;
}

function anchorOf(align: string): TextLayer['anchor'] {
  if (align === 'center') return 'middle';
  return align === 'right' || align === 'end' ? 'end' : 'start';
}

/** The [data-export-text] elements under `root` that are shown, placed relative to it. */
export function collectTextLayers(root: HTMLElement): TextLayer[] {
  const origin = root.getBoundingClientRect();
  const out: TextLayer[] = [];
  root.querySelectorAll<HTMLElement>('[data-export-text]').forEach((el) => {
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const rect = el.getBoundingClientRect();
    if (!text || rect.width === 0 || rect.height === 0) return;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') return;
    const anchor = anchorOf(style.textAlign);
    const paddingLeft = parseFloat(style.paddingLeft) || 0;
    const paddingRight = parseFloat(style.paddingRight) || 0;
    const x =
      anchor === 'middle'
        ? rect.left + rect.width / 2
        : anchor === 'end'
          ? rect.right - paddingRight
          : rect.left + paddingLeft;
    out.push({
      text,
      x: x - origin.left,
      y: rect.top + rect.height / 2 - origin.top,
      anchor,
      font: `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`,
      fontSize: style.fontSize,
      fontFamily: style.fontFamily,
      fontWeight: style.fontWeight,
      colour: style.color,
    });
  });
  return out;
}

export function textLayerToSvg(layer: TextLayer): SVGTextElement {
  const text = document.createElementNS(SVG_NS, 'text');
  text.setAttribute('x', String(layer.x));
  text.setAttribute('y', String(layer.y));
  text.setAttribute('text-anchor', layer.anchor);
  text.setAttribute('dominant-baseline', 'central');
  text.setAttribute(
    'style',
    `font-size:${layer.fontSize};font-family:${layer.fontFamily};font-weight:${layer.fontWeight};fill:${layer.colour}`,
  );
  text.textContent = layer.text;
  return text;
}

export function paintTextLayer(ctx: CanvasRenderingContext2D, layer: TextLayer): void {
  ctx.font = layer.font;
  ctx.fillStyle = layer.colour;
  ctx.textAlign = layer.anchor === 'middle' ? 'center' : layer.anchor === 'end' ? 'right' : 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(layer.text, layer.x, layer.y);
}

/** Height in CSS pixels of the band that says an export is partial. */
export const NOTE_BAND = 28;
const NOTE_FILL = '#fff3cd';
const NOTE_TEXT = '#5c4400';
const NOTE_FONT = '600 13px system-ui, sans-serif';

/** The band on top of an SVG export of an unfinished figure. */
export function noteToSvg(note: string, width: number): SVGGElement {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('data-partial', 'true');
  const band = document.createElementNS(SVG_NS, 'rect');
  band.setAttribute('width', String(width));
  band.setAttribute('height', String(NOTE_BAND));
  band.setAttribute('fill', NOTE_FILL);
  const text = document.createElementNS(SVG_NS, 'text');
  text.setAttribute('x', '8');
  text.setAttribute('y', String(NOTE_BAND / 2));
  text.setAttribute('dominant-baseline', 'central');
  text.setAttribute('style', `font:${NOTE_FONT};fill:${NOTE_TEXT}`);
  text.textContent = note;
  g.append(band, text);
  return g;
}

/** The same band painted on a PNG export. */
export function paintNote(ctx: CanvasRenderingContext2D, note: string, width: number): void {
  ctx.fillStyle = NOTE_FILL;
  ctx.fillRect(0, 0, width, NOTE_BAND);
  ctx.font = NOTE_FONT;
  ctx.fillStyle = NOTE_TEXT;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(note, 8, NOTE_BAND / 2);
}
