/**
 * The seeded order of a training run, shared by `npm run train` and the Training lab: one
 * generator per epoch (so a run resumed at an epoch draws what the uninterrupted one would) and
 * the epoch's shuffle of the training images.
 */
import { createRng, type Rng } from '../../../shared/rng';

/** The generator of one epoch: shuffles, dropout masks and noise seeds of that epoch only. */
export function epochRng(seed: number, epoch: number): Rng {
  return createRng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(epoch, 0x85ebca6b)) >>> 0);
}

/** A Fisher-Yates shuffle of 0..count-1 drawn from `rng`. */
export function shuffledOrder(count: number, rng: Rng): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = t;
  }
  return order;
}
