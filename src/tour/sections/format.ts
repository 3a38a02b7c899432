/** Number words shared by the tour's figures. */

/** 0.9912 → "99.1%" */
export const pct = (p: number, digits = 1): string => `${(100 * p).toFixed(digits)}%`;

/** a score or logit: two decimals, thousands separated */
export const num = (x: number, digits = 2): string =>
  x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** "7 at 99.1%" */
export function verdict(names: readonly string[], cls: number, confidence: number): string {
  return `${names[cls] ?? `class ${cls}`} at ${pct(confidence)}`;
}
