/**
 * "What to notice" beside each explorer view: one or two sentences for a student who has not
 * read the paper, built from the numbers the view shows now. Pure: the component feeds them.
 */
import type { AttackMode } from '../../shared/vocabulary';
import type { MapFacts } from '../../shared/mapFacts';
import type { SweepFacts } from '../../shared/sweepFacts';

const pct = (p: number) => `${(100 * p).toFixed(1)}%`;
const short = (x: number) => String(Number(x.toFixed(3)));

export interface Verdict {
  className: string;
  confidence: number;
}

export interface ImageCaptionInput {
  mode: AttackMode;
  /** the largest change of any pixel, after clipping */
  linf: number;
  clean: Verdict;
  attacked: Verdict;
}

const say = (v: Verdict) => `${v.className} at ${pct(v.confidence)}`;

export function imageCaption(c: ImageCaptionInput): string {
  const moved = `Every pixel moved by at most ${short(c.linf)}`;
  const changed = c.attacked.className !== c.clean.className;
  if (c.mode === 'random-sign' || c.mode === 'uniform') {
    return changed
      ? `${moved}, in random directions, and even that changed the answer: the model now says ${say(c.attacked)} (it said ${say(c.clean)}). Noise this large blurs the digit itself; try a smaller ε, then FGSM at the same ε.`
      : `${moved}, in random directions, and the model still says ${say(c.attacked)}. Switch the attack to FGSM: the same size, but each pixel moved the way that hurts most.`;
  }
  if (!changed) {
    return `${moved}, and the model still says ${say(c.attacked)}. Raise ε (the paper uses 0.25 on MNIST, 0.1 on CIFAR-10) until the answer changes.`;
  }
  return `${moved}; the model now says ${say(c.attacked)} where it said ${say(c.clean)}. Switch the attack to “Random ±ε signs”: noise of exactly this size rarely does that.`;
}

/** a curve within this share of the chart's height of its straight-line fit is "almost straight" */
export const STRAIGHT_WITHIN = 0.05;

export function sweepCaption(f: SweepFacts, names: readonly string[]): string {
  const name = (c: number | null) => (c === null ? '?' : (names[c] ?? String(c)));
  const count = f.deviation.filter((d) => d <= STRAIGHT_WITHIN).length;
  const lines = `${count} of the ${f.deviation.length} curves stay within ${pct(STRAIGHT_WITHIN)} of the chart's height of a straight line: along this one direction the network behaves much like a linear model, which is why a single step works.`;
  const flip =
    f.flipEps === null
      ? ` The answer stays ${name(f.cleanClass)} over this whole range; widen it to find where it changes.`
      : ` The answer changes from ${name(f.cleanClass)} to ${name(f.flipClass)} at ε = ${short(f.flipEps)}, where two lines cross.`;
  return lines + flip;
}

export function crossSectionCaption(maps: readonly MapFacts[]): string {
  if (maps.length === 0) return '';
  const flipping = maps.filter((m) => m.rowsFlipping >= 0.5).length;
  const nearest = maps
    .map((m) => m.nearestWrong)
    .filter((d): d is number => d !== null)
    .sort((a, b) => a - b);
  const median = nearest.length > 0 ? nearest[nearest.length >> 1] : null;
  return (
    `In ${flipping} of ${maps.length} maps most rows leave the correct (white) class as they move right, along the gradient sign, whatever the random up–down offset: ` +
    `adversarial examples fill a broad region, not thin pockets.` +
    (median === undefined || median === null
      ? ''
      : ` The typical nearest wrong cell lies ${short(median)} from the image.`)
  );
}

export function weightsCaption(units: number, pieces: number, compare: boolean): string {
  const filters = pieces > 1 ? `${units} units × ${pieces} pieces` : `${units} filters`;
  return (
    `Each small picture is one first-layer filter (${filters}): red weights respond to bright pixels, blue ones to dark. ` +
    (compare
      ? 'Both models share one colour scale: compare how much of each filter is spread over the background, where any pixel can be pushed by ε.'
      : 'For a linear model sign(w) is exactly the worst perturbation; “Compare with” puts a second model beside this one.')
  );
}

export function experimentsCaption(): string {
  return 'Each experiment runs the engine over many test images. Read an attack’s error beside the noise controls of the same ε: the gap between them, not the size of the change, is the paper’s point.';
}
