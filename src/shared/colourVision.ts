/**
 * How colours look to readers with a colour-vision deficiency, and how far apart two colours
 * are: the simulation of Machado, Oliveira & Fernandes (2009) at full severity, applied in
 * linear RGB, and the CIE76 distance ΔE in CIELAB (about 2.3 is just noticeable; maps need far
 * more). Pure; the class palette's test uses it.
 */
import type { Rgb } from './colormaps';

export type Deficiency = 'protanopia' | 'deuteranopia' | 'tritanopia';

type Matrix = readonly [readonly number[], readonly number[], readonly number[]];

/** Machado et al. 2009, Table 1, severity 1.0 (linear RGB). */
const MACHADO: Record<Deficiency, Matrix> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const toLinear = (byte: number): number => {
  const c = byte / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

const toByte = (linear: number): number => {
  const c = Math.min(1, Math.max(0, linear));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
};

/** `rgb` as a reader with `deficiency` sees it (bytes, not rounded). */
export function simulate(rgb: Rgb, deficiency: Deficiency): Rgb {
  const linear = rgb.map(toLinear);
  const m = MACHADO[deficiency];
  const row = (r: readonly number[]) =>
    toByte(
      (r[0] ?? 0) * (linear[0] ?? 0) +
        (r[1] ?? 0) * (linear[1] ?? 0) +
        (r[2] ?? 0) * (linear[2] ?? 0),
    );
  return [row(m[0]), row(m[1]), row(m[2])];
}

/** sRGB bytes -> CIELAB (D65). */
export function toLab(rgb: Rgb): [number, number, number] {
  const [r, g, b] = rgb.map(toLinear) as [number, number, number];
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (841 / 108) * t + 4 / 29);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIE76 colour difference of two sRGB colours. */
export function deltaE(a: Rgb, b: Rgb): number {
  const [l1, a1, b1] = toLab(a);
  const [l2, a2, b2] = toLab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

/** The closest two colours of `colours` for normal vision or a deficiency, with their indices. */
export function closestPair(
  colours: readonly Rgb[],
  deficiency?: Deficiency,
): { i: number; j: number; deltaE: number } {
  const seen = colours.map((c) => (deficiency ? simulate(c, deficiency) : c));
  let best = { i: -1, j: -1, deltaE: Infinity };
  for (let i = 0; i < seen.length; i++)
    for (let j = i + 1; j < seen.length; j++) {
      const d = deltaE(seen[i] as Rgb, seen[j] as Rgb);
      if (d < best.deltaE) best = { i, j, deltaE: d };
    }
  return best;
}
