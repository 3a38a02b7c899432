/**
 * The phone layout's width (app.css). There the first result must start on the first screen,
 * so the hint and the captions above it start folded, one tap from open.
 */
const NARROW_SCREEN = '(max-width: 760px)';

/** Whether a foldable hint starts open: everywhere but on a narrow screen. */
export function startsOpenOnThisScreen(): boolean {
  return typeof window.matchMedia !== 'function' || !window.matchMedia(NARROW_SCREEN).matches;
}
