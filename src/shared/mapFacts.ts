/**
 * What a cross-section class map shows, as numbers: how much of it is wrong, where each row first
 * changes class moving along the horizontal (attack) axis, and how near the image the nearest
 * wrong cell lies. The tour and the explorer's caption quote these. Cells in the engine layout
 * (src/shared/crossSectionGrid).
 */
import { cellEps } from './crossSectionGrid';

export interface MapFacts {
  /** share of all cells whose class is not the correct one */
  wrongShare: number;
  /** share of the cells right of the centre column (ε > 0 along the horizontal axis) that are wrong */
  wrongShareRight: number;
  /** per row, the smallest horizontal ε > 0 at which the class first differs; null: never */
  rowFlips: (number | null)[];
  /** median of the row flips that exist; null when no row flips */
  medianFlip: number | null;
  /** share of the rows that flip somewhere on the right half */
  rowsFlipping: number;
  /** the max-norm distance max(|a|, |b|) of the nearest wrong cell from the image; null: none */
  nearestWrong: number | null;
}

/** What a resolution × resolution class map shows about the correct class `correct`. */
export function mapFacts(
  predicted: ArrayLike<number>,
  resolution: number,
  epsMax: number,
  correct: number,
): MapFacts {
  let wrong = 0;
  let wrongRight = 0;
  let right = 0;
  const rowFlips: (number | null)[] = [];
  let nearestWrong: number | null = null;
  for (let row = 0; row < resolution; row++) {
    let flip: number | null = null;
    for (let col = 0; col < resolution; col++) {
      const isWrong = (predicted[row * resolution + col] ?? -1) !== correct;
      const [a, b] = cellEps(epsMax, resolution, row, col);
      if (isWrong) {
        wrong++;
        const distance = Math.max(Math.abs(a), Math.abs(b));
        if (nearestWrong === null || distance < nearestWrong) nearestWrong = distance;
      }
      if (a > 0) {
        right++;
        if (isWrong) wrongRight++;
        if (isWrong && flip === null) flip = a;
      }
    }
    rowFlips.push(flip);
  }
  const flips = rowFlips.filter((f): f is number => f !== null).sort((x, y) => x - y);
  const mid = flips.length >> 1;
  const median =
    flips.length === 0
      ? null
      : flips.length % 2 === 1
        ? (flips[mid] ?? 0)
        : ((flips[mid - 1] ?? 0) + (flips[mid] ?? 0)) / 2;
  return {
    wrongShare: wrong / (resolution * resolution),
    wrongShareRight: right === 0 ? 0 : wrongRight / right,
    rowFlips,
    medianFlip: median,
    rowsFlipping: flips.length / resolution,
    nearestWrong,
  };
}
