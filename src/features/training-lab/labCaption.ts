/**
 * "What to notice" for the Training lab, from the held-out errors of the runs that finished: the
 * naive network against the adversarially trained one (the paper's harnessing result), or one
 * run's FGSM error against the ±ε noise error of the same size.
 */
import type { LabRunView } from './labTypes';

const pct = (p: number) => `${(100 * p).toFixed(1)}%`;

export function labCaption(runs: readonly LabRunView[]): string | null {
  const done = runs.filter(
    (r) => r.result !== null && (r.state === 'done' || r.state === 'stopped'),
  );
  const naive = done.find((r) => r.role === 'naive')?.result?.final;
  const adversarial = done.find((r) => r.role === 'adversarial');
  const adv = adversarial?.result?.final;
  if (naive && adv && adversarial) {
    const eps = adversarial.spec.eps;
    const lower = adv.fgsm < naive.fgsm;
    return (
      `On the held-out images, FGSM at ε = ${eps} fools the naive network ${pct(naive.fgsm)} of ` +
      `the time and the adversarially trained one ${pct(adv.fgsm)}` +
      (lower
        ? `; clean error ${pct(naive.clean)} against ${pct(adv.clean)}. Training on the attack made anew every minibatch closes much of the hole the attack exploits, at little or no cost on clean images: the paper's harnessing result.`
        : `. Here the adversarial training has not helped yet: train longer, or with more images.`)
    );
  }
  const last = done.at(-1);
  const final = last?.result?.final;
  if (!last || !final) return null;
  return (
    `${last.title}: held-out error ${pct(final.clean)} clean, ${pct(final.fgsm)} under FGSM and ` +
    `${pct(final.noise)} under ±ε sign noise at ε = ${last.spec.eps}: the same size, but only the ` +
    `gradient's direction hurts. "Naive vs adversarial" trains both and compares them.`
  );
}
