/**
 * A figure as a presentation slide: a landscape PNG of a fixed size (1920 x 1080, 16:9), a title
 * on top, the figure scaled to fit the space left (its aspect kept, centred) and a few caption
 * lines below, so a lecturer drops one file into a deck without cropping a 1740 x 3388 portrait
 * export. The figure is painted as the PNG export paints it (paintFigure): its colour scale and
 * labels are part of it. An unfinished figure's slide carries the partial note too.
 */
import { backgroundColorOf, canvasToPng, paintFigure } from './exportFigure';
import { NOTE_BAND, paintNote } from './exportText';

export interface SlideOptions {
  /** pixels of the PNG (default 1920 x 1080) */
  width?: number;
  height?: number;
  title: string;
  /** caption lines under the figure, one a line (e.g. a summary per model) */
  lines?: readonly string[];
  /** set while the figure is unfinished (see FigureExportOptions.note) */
  note?: string | null;
}

export const SLIDE_WIDTH = 1920;
export const SLIDE_HEIGHT = 1080;
const MARGIN = 48;
const TITLE_BAND = 72;
const LINE_HEIGHT = 38;
const TITLE_FONT = '600 40px system-ui, sans-serif';
const LINE_FONT = '28px system-ui, sans-serif';

export interface SlideLayout {
  /** where the figure goes, in slide pixels, and its scale from CSS pixels */
  x: number;
  y: number;
  width: number;
  height: number;
  scale: number;
  /** baselines of the title and of the first caption line */
  titleY: number;
  linesY: number;
}

/**
 * Where a figure of figureWidth x figureHeight CSS pixels goes on the slide: as large as fits
 * between the title band and the caption lines, inside the margins, centred horizontally.
 */
export function slideLayout(
  figureWidth: number,
  figureHeight: number,
  slide: { width: number; height: number; lines: number; note: boolean },
): SlideLayout {
  const top = (slide.note ? NOTE_BAND : 0) + MARGIN / 2 + TITLE_BAND;
  const bottom = MARGIN + slide.lines * LINE_HEIGHT;
  const areaWidth = slide.width - 2 * MARGIN;
  const areaHeight = Math.max(1, slide.height - top - bottom);
  const scale =
    figureWidth > 0 && figureHeight > 0
      ? Math.min(areaWidth / figureWidth, areaHeight / figureHeight)
      : 1;
  const width = figureWidth * scale;
  const height = figureHeight * scale;
  return {
    x: MARGIN + (areaWidth - width) / 2,
    y: top,
    width,
    height,
    scale,
    titleY: top - TITLE_BAND / 2,
    linesY: top + height + MARGIN / 2 + LINE_HEIGHT / 2,
  };
}

/** The figure under `root` as a slide-sized PNG. */
export async function figureToSlidePng(root: HTMLElement, options: SlideOptions): Promise<Blob> {
  const width = options.width ?? SLIDE_WIDTH;
  const height = options.height ?? SLIDE_HEIGHT;
  const lines = options.lines ?? [];
  const note = options.note ?? null;
  const rect = root.getBoundingClientRect();
  const layout = slideLayout(rect.width, rect.height, {
    width,
    height,
    lines: lines.length,
    note: note !== null,
  });
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context for the slide export');
  ctx.fillStyle = backgroundColorOf(root);
  ctx.fillRect(0, 0, width, height);
  if (note) paintNote(ctx, note, width);
  // the page's text colour, so a dark theme's slide stays readable on its own background
  const ink = getComputedStyle(root).color || '#000000';
  ctx.fillStyle = ink;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.font = TITLE_FONT;
  ctx.fillText(options.title, MARGIN, layout.titleY, width - 2 * MARGIN);
  ctx.font = LINE_FONT;
  lines.forEach((line, i) =>
    ctx.fillText(line, MARGIN, layout.linesY + i * LINE_HEIGHT, width - 2 * MARGIN),
  );
  ctx.save();
  ctx.translate(layout.x, layout.y);
  ctx.scale(layout.scale, layout.scale);
  await paintFigure(ctx, root);
  ctx.restore();
  return canvasToPng(canvas);
}
