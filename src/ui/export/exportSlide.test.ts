import { describe, expect, it } from 'vitest';
import { SLIDE_HEIGHT, SLIDE_WIDTH, slideLayout } from './exportSlide';

const SLIDE = { width: SLIDE_WIDTH, height: SLIDE_HEIGHT, lines: 2, note: false };

function inside(l: ReturnType<typeof slideLayout>, slide = SLIDE): void {
  expect(l.x).toBeGreaterThanOrEqual(0);
  expect(l.x + l.width).toBeLessThanOrEqual(slide.width);
  expect(l.y).toBeGreaterThan(l.titleY);
  // the caption lines start below the figure and end on the slide
  expect(l.linesY).toBeGreaterThan(l.y + l.height);
  expect(l.linesY + (slide.lines - 1) * 38).toBeLessThan(slide.height);
}

describe('slideLayout', () => {
  it('the slide is landscape 16:9', () => {
    expect(SLIDE_WIDTH / SLIDE_HEIGHT).toBeCloseTo(16 / 9, 12);
  });

  it('a wide figure fills the width, keeps its aspect and is centred', () => {
    const l = slideLayout(1000, 400, SLIDE);
    inside(l);
    expect(l.width / l.height).toBeCloseTo(1000 / 400, 9);
    expect(l.width).toBeCloseTo(SLIDE_WIDTH - 96, 9);
    expect(l.scale).toBeGreaterThan(1);
  });

  it('a tall figure (the 1740 x 3388 portrait page) is fitted to the height, centred', () => {
    const l = slideLayout(870, 1694, SLIDE);
    inside(l);
    expect(l.width / l.height).toBeCloseTo(870 / 1694, 9);
    expect(l.x + l.width / 2).toBeCloseTo(SLIDE_WIDTH / 2, 9);
    expect(l.height).toBeLessThan(SLIDE_HEIGHT - 200);
  });

  it('a partial note moves the title and the figure down', () => {
    const plain = slideLayout(1000, 400, SLIDE);
    const noted = slideLayout(1000, 400, { ...SLIDE, note: true });
    expect(noted.titleY).toBeGreaterThan(plain.titleY);
    expect(noted.y).toBeGreaterThan(plain.y);
    inside(noted);
  });
});
