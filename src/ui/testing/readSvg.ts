/**
 * Reading a drawn SVG figure back as a person would (for the renderers' unit tests): where an
 * element was moved to, and an axis as pairs of tick label and tick position.
 */

/** The (x, y) of an element's `translate(x,y)` transform; (0, 0) when it has none. */
export function translation(el: Element): [number, number] {
  const match = /translate\(\s*(-?[\d.e+-]+)[\s,]*(-?[\d.e+-]+)?\s*\)/.exec(
    el.getAttribute('transform') ?? '',
  );
  return [Number(match?.[1] ?? 0), Number(match?.[2] ?? 0)];
}

/** A number as a tick label shows it (d3 writes minus signs as U+2212, percentages with %). */
export function labelValue(text: string): number {
  const plain = text.replace(/\u2212/g, '-').trim();
  return plain.endsWith('%') ? Number(plain.slice(0, -1)) / 100 : Number(plain);
}

export interface Tick {
  /** the number the label reads */
  value: number;
  /** where the tick is along the axis, in the axis group's coordinates */
  at: number;
}

/** The ticks of a d3 axis group, in document order. */
export function axisTicks(axis: Element, along: 'x' | 'y'): Tick[] {
  return Array.from(axis.querySelectorAll('.tick'), (tick) => {
    const [x, y] = translation(tick);
    return {
      value: labelValue(tick.querySelector('text')?.textContent ?? ''),
      at: along === 'x' ? x : y,
    };
  });
}

/** The axis as a function from value to position, through its first and last tick. */
export function axisScale(ticks: readonly Tick[]): (value: number) => number {
  const first = ticks[0];
  const last = ticks.at(-1);
  if (!first || !last || first.value === last.value) throw new Error('an axis needs two ticks');
  const slope = (last.at - first.at) / (last.value - first.value);
  return (value) => first.at + slope * (value - first.value);
}
