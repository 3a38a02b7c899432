/**
 * "What to notice" beside each explorer view: one or two sentences for a student who has not
 * read the paper, built from the numbers the view shows now. Pure: the component feeds them.
 */
import { ATTACK_MODE_LABELS, type AttackMode } from '../../shared/vocabulary';
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

export interface ProbeCaptionInput {
  /** 'test image 12' or 'your image' */
  from: string;
  /** the point's own largest pixel change from that image */
  linf: number;
  /** the model's answer at the point */
  point: Verdict;
  /** the image's true class; null: unknown */
  trueClass: string | null;
  mode: AttackMode;
  eps: number;
  /** the attack's answer, run from the point */
  attacked: Verdict;
}

/** A clicked cross-section point: its own distance and answer, then the attack run from it. */
export function probeCaption(c: ProbeCaptionInput): string {
  const where = `This cross-section point lies ${short(c.linf)} from ${c.from} in max-norm (no pixel moved further)`;
  const answer =
    c.trueClass === null
      ? `; the model says ${say(c.point)} there.`
      : c.point.className === c.trueClass
        ? `; the model still says ${say(c.point)} there, the image’s true class.`
        : `; the model says ${say(c.point)} there, not ${c.trueClass}, the image’s true class.`;
  const attack = `${ATTACK_MODE_LABELS[c.mode]} with ε = ${short(c.eps)} from this point`;
  const then =
    c.attacked.className === c.point.className
      ? `${attack} keeps ${say(c.attacked)}.`
      : `${attack} turns it into ${say(c.attacked)}.`;
  return `${where}${answer} ${then}`;
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

/** how much further the random maps' nearest wrong cells must lie for the caption to contrast */
export const CONTRAST_RATIO = 1.5;

/** maps in which most rows leave the correct class moving right */
const flipping = (maps: readonly MapFacts[]) => maps.filter((m) => m.rowsFlipping >= 0.5).length;

/** the median distance of the maps' nearest wrong cells; null where no map has one */
function typicalNearest(maps: readonly MapFacts[]): number | null {
  const nearest = maps
    .map((m) => m.nearestWrong)
    .filter((d): d is number => d !== null)
    .sort((a, b) => a - b);
  return nearest[nearest.length >> 1] ?? null;
}

/**
 * The maps' caption, from the finished FGSM × random maps and random × random maps: one kind
 * alone, or, side by side, the contrast between them (only where the numbers show it).
 */
export function crossSectionCaption(
  fgsm: readonly MapFacts[],
  random: readonly MapFacts[] = [],
): string {
  if (fgsm.length === 0 && random.length === 0) return '';
  if (random.length === 0) {
    const median = typicalNearest(fgsm);
    return (
      `In ${flipping(fgsm)} of ${fgsm.length} maps most rows leave the correct (white) class as they move right, along the gradient sign, whatever the random up–down offset: ` +
      `adversarial examples fill a broad region, not thin pockets.` +
      (median === null
        ? ''
        : ` The typical nearest wrong cell lies ${short(median)} from the image.`)
    );
  }
  if (fgsm.length === 0) {
    return (
      `In ${flipping(random)} of ${random.length} random × random maps most rows leave the correct (white) class as they move right along random ±1 signs. ` +
      'Show the FGSM maps beside them (“both, side by side”): along sign(∇ₓJ), a step of the same size changes the class far sooner.'
    );
  }
  const sideBySide = `Side by side: in ${flipping(fgsm)} of ${fgsm.length} FGSM × random maps most rows leave the correct (white) class moving right along sign(∇ₓJ); in ${flipping(random)} of ${random.length} random × random maps they do along random ±1 signs.`;
  const [near, far] = [typicalNearest(fgsm), typicalNearest(random)];
  if (near === null) return sideBySide;
  // the contrast is claimed only where the random maps' nearest wrong cells are clearly further
  if (far !== null && far < CONTRAST_RATIO * near) {
    return `${sideBySide} The typical nearest wrong cell lies ${short(near)} from the image on the FGSM maps and ${short(far)} on the random ones: here random directions change the class about as soon, so this range of ε is large for this model.`;
  }
  const onRandomMaps =
    far === null
      ? 'the random maps keep the correct class over their whole range'
      : `on the random maps ${(far / near).toFixed(1)}× as far (${short(far)})`;
  return `${sideBySide} The lecture’s contrast: the typical nearest wrong cell lies ${short(near)} from the image along the gradient sign, ${onRandomMaps}. Adversarial examples fill a broad region next to the image; along random directions of the same size it stays its class far out.`;
}

/**
 * `colour`: RGB first-layer filters drawn as colour, each on its own scale ('filter') or on one
 * ('colour'); null where each picture is a diverging map (grey filters, or RGB per channel).
 */
export function weightsCaption(
  units: number,
  pieces: number,
  compare: boolean,
  colour: 'filter' | 'colour' | null = null,
): string {
  const filters = pieces > 1 ? `${units} units × ${pieces} pieces` : `${units} filters`;
  const reading =
    colour === null
      ? 'red weights respond to bright pixels, blue ones to dark. '
      : `its red, green and blue weights drawn as those colours around mid grey (${colour === 'filter' ? 'each filter on its own scale' : 'one scale for all filters'}): mid grey is zero weight, light parts respond to bright pixels, dark parts to dark ones, and a hue (say red) to pixels of that colour more than to the other colours. `;
  const shared = compare && colour !== 'filter';
  return (
    `Each small picture is one first-layer filter (${filters}): ${reading}` +
    (shared
      ? 'Both models share one colour scale: compare how much of each filter is spread over the background, where any pixel can be pushed by ε.'
      : compare
        ? 'Compare how much of each filter is spread over the background, where any pixel can be pushed by ε (“as colour, one scale” puts both models on one scale).'
        : 'For a linear model sign(w) is exactly the worst perturbation; “Compare with” puts a second model beside this one.')
  );
}

export function experimentsCaption(): string {
  return 'Each experiment runs the engine over many test images. Read an attack’s error beside the noise controls of the same ε: the gap between them, not the size of the change, is the paper’s point.';
}

/** One model's row of the compare view: its clean answer and what each attack made of it. */
export interface CompareRowFacts {
  title: string;
  clean: Verdict;
  fgsm: Verdict | null;
  sign: Verdict | null;
  uniform: Verdict | null;
}

const fooled = (row: CompareRowFacts, v: Verdict | null) =>
  v !== null && v.className !== row.clean.className;

function rowSentence(row: CompareRowFacts, eps: number): string {
  const noiseFooled = fooled(row, row.sign) || fooled(row, row.uniform);
  if (fooled(row, row.fgsm) && row.fgsm) {
    return noiseFooled
      ? `At ε = ${short(eps)} FGSM turns ${row.title}'s ${row.clean.className} into ${say(row.fgsm)}, and even random noise of that size changes its answer: ε is large for this model.`
      : `At ε = ${short(eps)} FGSM turns ${row.title}'s ${row.clean.className} into ${say(row.fgsm)}, while random ±ε signs and uniform noise of the same size leave it ${row.clean.className}.`;
  }
  return noiseFooled
    ? `${row.title} keeps ${row.clean.className} under FGSM at ε = ${short(eps)}, yet noise of that size changes its answer.`
    : `${row.title} keeps ${row.clean.className} under FGSM and under both noises at ε = ${short(eps)}.`;
}

export function compareCaption(eps: number, a: CompareRowFacts, b: CompareRowFacts | null): string {
  const first = rowSentence(a, eps);
  if (!b) return first;
  const second = rowSentence(b, eps);
  const buys =
    fooled(a, a.fgsm) && !fooled(b, b.fgsm)
      ? ' The same step in the gradient’s direction, two answers: that is what adversarial training buys.'
      : '';
  return `${first} ${second}${buys}`;
}
