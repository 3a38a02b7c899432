/**
 * The compare figure's numbers, apart from React: what each cell says (class, confidence, whether
 * the attack changed the clean answer) and the CSV of the whole table. Pure.
 */
import type { AttackResult } from '../../../engine/api';
import { formatFloat32, toCsv } from '../../../shared/csv';
import type { CompareCell, CompareMode } from '../../../state';

export interface CellVerdict {
  predictedClass: number;
  confidence: number;
  /** the attack moved the prediction away from the clean one */
  changed: boolean;
}

export function verdictOf(result: AttackResult): CellVerdict {
  return {
    predictedClass: result.attacked.predictedClass,
    confidence: result.attacked.confidence,
    changed: result.attacked.predictedClass !== result.clean.predictedClass,
  };
}

export interface CompareRowInput {
  modelId: string;
  modelTitle: string;
  cells: Partial<Record<CompareMode, CompareCell>>;
}

/** One line per (model, attack), with the clean prediction beside the attacked one. */
export function compareCsv(
  rows: readonly CompareRowInput[],
  classNames: readonly string[],
  modes: readonly CompareMode[],
): string {
  const name = (c: number) => classNames[c] ?? `class ${c}`;
  const lines = rows.flatMap((row) =>
    modes.flatMap((mode) => {
      const cell = row.cells[mode];
      const r = cell?.result;
      if (!cell || !r) return [];
      return [
        [
          row.modelId,
          mode,
          formatFloat32(cell.eps),
          name(r.clean.predictedClass),
          formatFloat32(r.clean.confidence),
          name(r.attacked.predictedClass),
          formatFloat32(r.attacked.confidence),
          formatFloat32(r.linfNorm),
          cell.pending ? 'partial' : 'final',
        ],
      ];
    }),
  );
  return toCsv(
    [
      'model',
      'attack',
      'eps',
      'clean class',
      'clean confidence',
      'attacked class',
      'attacked confidence',
      'linf norm',
      'status',
    ],
    lines,
  );
}
