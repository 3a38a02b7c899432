/**
 * Experiment results as tables (for the CLI's text, the view's HTML tables and CSV export) and as
 * plain JSON without image data. Pure: no DOM, no tfjs; every number comes from the engine.
 */
import type { ExperimentResult } from '../experimentTypes';
import { ATTACK_NAMES, type AttackMode } from '../../shared/vocabulary';

export type Cell = string | number;

export interface ReportTable {
  title: string;
  columns: string[];
  /** numbers are raw (rates in 0..1); formatCell turns them into text */
  rows: Cell[][];
  /** which columns hold rates (shown as percentages) */
  rateColumns: number[];
}

const percent = (x: number, digits = 2): string => `${(100 * x).toFixed(digits)}%`;

export function formatCell(table: ReportTable, column: number, value: Cell): string {
  if (typeof value === 'string') return value;
  if (table.rateColumns.includes(column)) return percent(value);
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

function attackName(attack: { mode: AttackMode; targetClass?: number }): string {
  const name = ATTACK_NAMES[attack.mode];
  return attack.targetClass === undefined ? name : `${name} -> ${attack.targetClass}`;
}

/** A model's class names by id, so tables can say "3 cat" rather than "3". */
export type ClassNamesOf = (modelId: string) => readonly string[] | undefined;

export function experimentTables(r: ExperimentResult, classNamesOf?: ClassNamesOf): ReportTable[] {
  switch (r.kind) {
    case 'attack': {
      const targeted = r.rows.some((row) => row.targetHitRate !== undefined);
      return [
        {
          title: `Test-set attack: ${attackName(r.attack)} (seed ${r.seed})`,
          columns: [
            'model',
            'eps',
            'images',
            'clean error',
            'attacked error',
            'mean confidence on mistakes',
            ...(targeted ? ['target hit rate'] : []),
          ],
          rows: r.rows.map((row) => [
            row.modelId,
            row.eps,
            row.count,
            row.cleanErrorRate,
            row.errorRate,
            row.meanConfidenceOnMistakes,
            ...(targeted ? [row.targetHitRate ?? 0] : []),
          ]),
          rateColumns: targeted ? [3, 4, 5, 6] : [3, 4, 5],
        },
      ];
    }
    case 'transfer': {
      const cell = (s: string, t: string) => r.cells.find((c) => c.source === s && c.target === t);
      return [
        {
          title: `Transfer: error of the column model on ${attackName(r.attack)} eps ${r.eps} examples made on the row model`,
          columns: ['made on \\ measured on', ...r.models],
          rows: r.models.map((s) => [s, ...r.models.map((t) => cell(s, t)?.errorRate ?? 0)]),
          rateColumns: r.models.map((_, i) => i + 1),
        },
        {
          title: 'Transfer: where both misclassify, share of the same wrong class',
          columns: ['made on \\ measured on', ...r.models],
          rows: r.models.map((s) => [
            s,
            ...r.models.map((t) => cell(s, t)?.sameWrongClassRate ?? 0),
          ]),
          rateColumns: r.models.map((_, i) => i + 1),
        },
        {
          title: 'Transfer: every pair',
          columns: [
            'made on',
            'measured on',
            'images',
            'error',
            'mean confidence on mistakes',
            'both wrong',
            'same wrong class',
          ],
          rows: r.cells.map((c) => [
            c.source,
            c.target,
            c.count,
            c.errorRate,
            c.meanConfidenceOnMistakes,
            c.bothWrong,
            c.sameWrongClassRate,
          ]),
          rateColumns: [3, 4, 6],
        },
      ];
    }
    case 'ensemble':
      return [
        {
          title: `Ensemble of ${r.members.join(', ')}: ${attackName(r.attack)} eps ${r.eps} (clean error ${percent(r.cleanErrorRate)})`,
          columns: [
            'attacked through',
            'ensemble error',
            'ensemble confidence on mistakes',
            "attacked model's own error",
          ],
          rows: r.rows.map((row) => [
            row.source,
            row.ensemble.errorRate,
            row.ensemble.meanConfidenceOnMistakes,
            row.sourceOwn.errorRate,
          ]),
          rateColumns: [1, 2, 3],
        },
      ];
    case 'rubbish':
      return [
        {
          title: `Rubbish class: x ~ N(0, I), ${r.shape.join('x')}, not clipped; error = a class with p > 0.5 (seed ${r.seed})`,
          columns: [
            'model',
            'noise images',
            'error rate',
            'mean confidence on mistakes',
            'mistakes per class',
          ],
          rows: r.rows.map((row) => [
            row.modelId,
            row.count,
            row.errorRate,
            row.meanConfidenceOnMistakes,
            row.classCounts.join(' '),
          ]),
          rateColumns: [2, 3],
        },
      ];
    case 'fooling': {
      const steps = Array.from({ length: r.steps + 1 }, (_, k) => k);
      const shown = steps.filter(
        (k) => k === r.steps || k % Math.max(1, Math.ceil(r.steps / 10)) === 0,
      );
      return [
        {
          title: `Fooling images on ${r.modelId}: x <- x + ${r.eps} * ${r.direction === 'sign' ? 'sign(grad p)' : 'grad p'}, ${r.count} per class; success (p > 0.5) after k steps (seed ${r.seed})`,
          columns: ['class', 'mean steps to success', ...shown.map((k) => `k=${k}`)],
          rows: r.rows.map((row) => [
            classLabel(row.targetClass, classNamesOf?.(r.modelId)),
            row.meanStepsToSuccess,
            ...shown.map((k) => row.successByStep[k] ?? 0),
          ]),
          rateColumns: shown.map((_, i) => i + 2),
        },
      ];
    }
    case 'shared':
      return [
        {
          title: `Shared directions on ${r.modelId}, eps ${r.eps}: one image's FGSM perturbation on the other ${r.count - 1} images (${r.cleanCorrect} correct when clean)`,
          columns: ['source image', 'label', 'flip rate', 'error rate'],
          rows: [
            ...r.rows.map((row) => [String(row.index), row.label, row.flipRate, row.errorRate]),
            ['mean over sources', '', r.meanFlipRate, ''],
            ["control: each image's own FGSM", '', r.ownFgsmFlipRate, ''],
            ['control: random +-eps', '', r.randomSignFlipRate, ''],
          ],
          rateColumns: [2, 3],
        },
      ];
  }
}

/** Fixed-width text, as the CLI prints it. */
/** "3 cat", or "3" when the model's class names are unknown or are the index itself */
function classLabel(index: number, names: readonly string[] | undefined): string {
  const name = names?.[index];
  return name === undefined || name === String(index) ? String(index) : `${index} ${name}`;
}

export function tableText(table: ReportTable): string {
  const cells = [
    table.columns,
    ...table.rows.map((row) => row.map((v, i) => formatCell(table, i, v))),
  ];
  const widths = table.columns.map((_, i) =>
    Math.max(...cells.map((row) => String(row[i] ?? '').length)),
  );
  const line = (row: Cell[]) =>
    row
      .map((v, i) =>
        i === 0 ? String(v).padEnd(widths[i] ?? 0) : String(v).padStart(widths[i] ?? 0),
      )
      .join('  ');
  return [table.title, line(table.columns), ...cells.slice(1).map(line)].join('\n');
}

/** Markdown, for the README. */
export function tableMarkdown(table: ReportTable): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    row(table.columns),
    row(table.columns.map(() => '---')),
    ...table.rows.map((r) => row(r.map((v, i) => formatCell(table, i, v)))),
  ].join('\n');
}

const csvField = (value: Cell): string => {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** CSV with raw numbers (rates in 0..1), one block per table separated by a blank line. */
export function tablesCsv(tables: readonly ReportTable[]): string {
  return tables
    .map((t) =>
      [[`# ${t.title}`], t.columns, ...t.rows].map((r) => r.map(csvField).join(',')).join('\n'),
    )
    .join('\n\n');
}

/** The result as plain JSON values; noise images (typed arrays) are left out unless asked for. */
export function experimentJson(r: ExperimentResult, withImages = false): unknown {
  return JSON.parse(
    JSON.stringify(r, (_key, value: unknown) =>
      value instanceof Float32Array || value instanceof Int32Array
        ? withImages
          ? Array.from(value)
          : undefined
        : value,
    ),
  );
}
