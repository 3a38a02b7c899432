/**
 * CSV of the numbers a view plots (RFC 4180: comma separated, CRLF line ends, fields with commas,
 * quotes or line breaks quoted, quotes doubled). Numbers keep full precision.
 */

export type CsvValue = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a text cell as a formula (class names may come from
 * a user's own model). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A number written as text (formatFloat32's output) is data, not a formula. */
const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$|^[+-]?Infinity$|^NaN$/i;

/**
 * Shortest decimal that reads back as the same float32: engine outputs are float32, and
 * `String(x)` of a float32 widened to a double prints noise digits (0.1 -> 0.10000000149011612).
 * Math.fround(Number(result)) === Math.fround(v) always holds.
 */
export function formatFloat32(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const f = Math.fround(v);
  for (let digits = 1; digits <= 9; digits++) {
    const text = f.toPrecision(digits);
    if (Math.fround(Number(text)) === f) return String(Number(text));
  }
  return String(f);
}

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) && !NUMERIC_TEXT.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** The numbers of an eps-sweep (structurally a SweepResult). */
export interface SweepNumbers {
  eps: ArrayLike<number>;
  numClasses: number;
  logits: ArrayLike<number>;
  probabilities: ArrayLike<number>;
}

/** eps, then one column per class (named by class), of the plotted quantity. */
export function sweepCsv(
  result: SweepNumbers,
  classNames: readonly string[],
  mode: 'logits' | 'probabilities',
): string {
  const values = mode === 'logits' ? result.logits : result.probabilities;
  const k = result.numClasses;
  const header = ['eps'];
  for (let c = 0; c < k; c++) header.push(classNames[c] ?? `class ${c}`);
  const rows: string[][] = [];
  for (let i = 0; i < result.eps.length; i++) {
    const row = [formatFloat32(result.eps[i] ?? NaN)];
    for (let c = 0; c < k; c++) row.push(formatFloat32(values[i * k + c] ?? NaN));
    rows.push(row);
  }
  return toCsv(header, rows);
}

/** One cross-section map's numbers (structurally a CrossSectionResult). */
export interface CrossSectionNumbers {
  resolution: number;
  epsMax: number;
  predictedClass: ArrayLike<number>;
  confidence: ArrayLike<number>;
}

export interface CrossSectionCsvMap {
  imageIndex: number;
  trueLabel: number;
  result: CrossSectionNumbers | null;
  /** the plane's horizontal direction (absent: FGSM) */
  horizontal?: 'fgsm' | 'random';
}

/**
 * One row per cell of every finished map: map, horizontal (fgsm or random: which plane),
 * image_index, true_class, row, col, eps_h, eps_v,
 * class, class_name, confidence. `cellEps(epsMax, resolution, row, col)` gives the cell's offsets
 * (the grid's own definition, passed in so this stays free of the grid convention; float32 values,
 written like every other engine number).
 */
export function crossSectionCsv(
  maps: readonly CrossSectionCsvMap[],
  classNames: readonly string[],
  cellEps: (epsMax: number, resolution: number, row: number, col: number) => [number, number],
): string {
  const header = [
    'map',
    'horizontal',
    'image_index',
    'true_class',
    'row',
    'col',
    'eps_h',
    'eps_v',
    'class',
    'class_name',
    'confidence',
  ];
  const rows: CsvValue[][] = [];
  maps.forEach((map, m) => {
    const result = map.result;
    if (!result) return;
    const n = result.resolution;
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) {
        const cell = row * n + col;
        const cls = result.predictedClass[cell] ?? -1;
        const [epsH, epsV] = cellEps(result.epsMax, n, row, col);
        rows.push([
          m,
          map.horizontal ?? 'fgsm',
          map.imageIndex,
          map.trueLabel,
          row,
          col,
          formatFloat32(epsH),
          formatFloat32(epsV),
          cls,
          classNames[cls] ?? '',
          formatFloat32(result.confidence[cell] ?? NaN),
        ]);
      }
    }
  });
  return toCsv(header, rows);
}

/** First-layer weights (structurally a LayerWeights). */
export interface WeightNumbers {
  units: number;
  pieces: number;
  imageShape: readonly [number, number, number];
  data: ArrayLike<number>;
}

/**
 * model, unit, piece, pixel, value for the units [unitStart, unitEnd) of each model; `pixel` is the
 * flat index into the h x w x c weight image (row-major, channels last).
 */
export function weightsCsv(
  models: readonly { title: string; weights: WeightNumbers }[],
  unitStart: number,
  unitEnd: number,
): string {
  const rows: CsvValue[][] = [];
  for (const { title, weights } of models) {
    const [h, w, c] = weights.imageShape;
    const size = h * w * c;
    const end = Math.min(unitEnd, weights.units);
    for (let unit = Math.max(0, unitStart); unit < end; unit++) {
      for (let piece = 0; piece < weights.pieces; piece++) {
        const base = (unit * weights.pieces + piece) * size;
        for (let pixel = 0; pixel < size; pixel++) {
          rows.push([title, unit, piece, pixel, formatFloat32(weights.data[base + pixel] ?? NaN)]);
        }
      }
    }
  }
  return toCsv(['model', 'unit', 'piece', 'pixel', 'value'], rows);
}
