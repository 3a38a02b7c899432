// @vitest-environment happy-dom
/**
 * The SVG export as a reader of the file sees it: an unfinished figure says so on top of the
 * picture and in its metadata, a finished one carries no such note; HTML captions marked
 * [data-export-text] come along as SVG text where they were on screen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { figureToSvg } from './exportFigure';
import { NOTE_BAND } from './exportText';

/** happy-dom lays nothing out: give elements the boxes a browser would. */
function place(el: Element, left: number, top: number, width: number, height: number): void {
  el.getBoundingClientRect = () =>
    ({
      left,
      top,
      width,
      height,
      right: left + width,
      bottom: top + height,
      x: left,
      y: top,
    }) as DOMRect;
}

function figure(): HTMLElement {
  const root = document.createElement('div');
  root.setAttribute('aria-label', 'Compare figure');
  place(root, 10, 20, 300, 200);
  const caption = document.createElement('p');
  caption.dataset.exportText = '';
  caption.textContent = '  3 · 100.0% ';
  caption.style.textAlign = 'center';
  place(caption, 10, 120, 100, 20);
  const hidden = document.createElement('p');
  hidden.dataset.exportText = '';
  hidden.textContent = 'not laid out';
  root.append(caption, hidden);
  document.body.append(root);
  return root;
}

function parse(svg: string): Document {
  return new DOMParser().parseFromString(svg, 'image/svg+xml');
}

afterEach(() => document.body.replaceChildren());

describe('figureToSvg', () => {
  it('a finished figure: its own size, no partial note, captions as text in place', () => {
    const doc = parse(figureToSvg(figure()));
    const svg = doc.documentElement;
    expect(svg.getAttribute('height')).toBe('200');
    expect(svg.getAttribute('data-partial')).toBeNull();
    const texts = [...doc.querySelectorAll('text')];
    expect(texts.map((t) => t.textContent)).toEqual(['3 · 100.0%']);
    // centred in its box: x at the middle of 10..110 relative to the figure's left edge 10
    expect(texts[0]?.getAttribute('x')).toBe('50');
    expect(texts[0]?.getAttribute('y')).toBe('110');
    expect(texts[0]?.getAttribute('text-anchor')).toBe('middle');
  });

  it('an unfinished figure: a band on top says so, and the metadata too', () => {
    const note = 'Partial: refining 6%, 2 of 6 maps empty';
    const doc = parse(figureToSvg(figure(), { note }));
    const svg = doc.documentElement;
    expect(svg.getAttribute('data-partial')).toBe('true');
    expect(svg.getAttribute('height')).toBe(String(200 + NOTE_BAND));
    expect(doc.querySelector('desc')?.textContent).toBe(note);
    expect([...doc.querySelectorAll('text')].map((t) => t.textContent)).toContain(note);
    // the picture moves down below the band
    expect(doc.querySelector('g[transform]')?.getAttribute('transform')).toBe(
      `translate(0 ${NOTE_BAND})`,
    );
  });
});
