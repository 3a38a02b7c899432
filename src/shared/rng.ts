/**
 * A small seeded PRNG (mulberry32) and fillers for the noise the engine needs. Noise is made on
 * the CPU with this generator, never with tf.random*, so the same seed gives the same numbers on
 * every tfjs backend, in the browser worker and in the Node scripts.
 */

export type FloatArray = Float32Array | Float64Array;

export interface Rng {
  /** uniform in [0, 1), 32 bits of resolution */
  next(): number;
  /** fills `out` with U(lo, hi) */
  fillUniform<T extends FloatArray>(out: T, lo?: number, hi?: number): T;
  /** fills `out` with -magnitude or +magnitude, each with probability 1/2 */
  fillSign<T extends FloatArray>(out: T, magnitude?: number): T;
  /** fills `out` with N(mean, std^2) (Box-Muller) */
  fillGaussian<T extends FloatArray>(out: T, mean?: number, std?: number): T;
}

const TWO_POW_32 = 4294967296;

const STEP = 0x6d2b79f5;

/**
 * Any finite number is a valid seed; it is folded to 32 bits. `skip` starts the stream that many
 * draws in (in constant time: the state advances by a fixed step per draw), so a share of a batch
 * can draw its own rows' part of the batch's noise.
 */
export function createRng(seed: number, skip = 0): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`rng seed must be finite, got ${seed}`);
  if (!Number.isInteger(skip) || skip < 0) {
    throw new RangeError(`rng skip must be a non-negative integer, got ${skip}`);
  }
  // skip * STEP modulo 2^32 (ToUint32 of skip suffices: 2^32 * STEP is 0 modulo 2^32)
  let state = ((Math.trunc(seed) >>> 0) + (Math.imul(skip >>> 0, STEP) >>> 0)) >>> 0;

  const next = (): number => {
    state = (state + STEP) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  };

  return {
    next,
    fillUniform(out, lo = 0, hi = 1) {
      const width = hi - lo;
      for (let i = 0; i < out.length; i++) out[i] = lo + width * next();
      return out;
    },
    fillSign(out, magnitude = 1) {
      for (let i = 0; i < out.length; i++) out[i] = next() < 0.5 ? -magnitude : magnitude;
      return out;
    },
    fillGaussian(out, mean = 0, std = 1) {
      for (let i = 0; i < out.length; i += 2) {
        // 1 - u lies in (0, 1], so the logarithm stays finite.
        const radius = Math.sqrt(-2 * Math.log(1 - next()));
        const angle = 2 * Math.PI * next();
        out[i] = mean + std * radius * Math.cos(angle);
        if (i + 1 < out.length) out[i + 1] = mean + std * radius * Math.sin(angle);
      }
      return out;
    },
  };
}
