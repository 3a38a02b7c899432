import { describe, expect, it } from 'vitest';
import { crossSectionCsv, csvField, formatFloat32, sweepCsv, toCsv, weightsCsv } from './csv';
import { cellEps } from './crossSectionGrid';

/** minimal RFC 4180 reader, to check that what we write reads back to the same fields */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('csvField', () => {
  it('quotes fields with commas, quotes, line breaks or edge spaces, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('writes numbers in full, empty for null/undefined', () => {
    expect(csvField(-0.25)).toBe('-0.25');
    expect(csvField(1e-7)).toBe('1e-7');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('true');
  });

  it('defuses text that a spreadsheet would run as a formula, but not numbers written as text', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-0.5')).toBe('-0.5');
    expect(csvField('-1e-3')).toBe('-1e-3');
  });

  it('round-trips awkward fields through a CSV reader', () => {
    const fields = ['a,b', 'q"uote', 'multi\r\nline', '', 'x'];
    expect(parseCsv(toCsv(['h1', 'h2', 'h3', 'h4', 'h5'], [fields]))).toEqual([
      ['h1', 'h2', 'h3', 'h4', 'h5'],
      fields,
    ]);
  });
});

describe('formatFloat32', () => {
  it('prints the shortest decimal that reads back as the same float32', () => {
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(Math.fround(-2.5))).toBe('-2.5');
    expect(formatFloat32(0)).toBe('0');
    expect(formatFloat32(NaN)).toBe('NaN');
  });

  it('reads back exactly for many float32 values', () => {
    const values = new Float32Array(2000);
    for (let i = 0; i < values.length; i++)
      values[i] = Math.sin(i * 12.9898) * 10 ** ((i % 13) - 6);
    for (const v of values) expect(Math.fround(Number(formatFloat32(v)))).toBe(v);
  });
});

describe('view CSVs', () => {
  it('sweep: eps then one column per class, of the plotted quantity', () => {
    const result = {
      eps: new Float32Array([-0.5, 0, 0.5]),
      numClasses: 2,
      logits: new Float32Array([1, 2, 3, 4, 5, 6]),
      probabilities: new Float32Array([0.25, 0.75, 0.5, 0.5, 0.125, 0.875]),
    };
    const logits = parseCsv(sweepCsv(result, ['three', 'seven, maybe'], 'logits'));
    expect(logits).toEqual([
      ['eps', 'three', 'seven, maybe'],
      ['-0.5', '1', '2'],
      ['0', '3', '4'],
      ['0.5', '5', '6'],
    ]);
    const probabilities = parseCsv(sweepCsv(result, ['a', 'b'], 'probabilities'));
    expect(probabilities[3]).toEqual(['0.5', '0.125', '0.875']);
  });

  it('cross-section: one row per cell with its plane, grid offsets, class and confidence', () => {
    const result = {
      resolution: 2,
      epsMax: 0.25,
      predictedClass: new Int32Array([1, 0, 1, 1]),
      confidence: new Float32Array([0.5, 0.25, 0.75, 1]),
    };
    const rows = parseCsv(
      crossSectionCsv(
        [
          { imageIndex: 7, trueLabel: 1, result, horizontal: 'random' },
          { imageIndex: 8, trueLabel: 0, result: null },
        ],
        ['zero', 'one'],
        cellEps,
      ),
    );
    expect(rows[0]).toEqual([
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
    ]);
    // row 0 is +epsMax vertically, column 0 is -epsMax horizontally
    expect(rows.slice(1)).toEqual([
      ['0', 'random', '7', '1', '0', '0', '-0.25', '0.25', '1', 'one', '0.5'],
      ['0', 'random', '7', '1', '0', '1', '0.25', '0.25', '0', 'zero', '0.25'],
      ['0', 'random', '7', '1', '1', '0', '-0.25', '-0.25', '1', 'one', '0.75'],
      ['0', 'random', '7', '1', '1', '1', '0.25', '-0.25', '1', 'one', '1'],
    ]);
  });

  it('weights: model, unit, piece, pixel, value for the requested units only', () => {
    // 3 units x 2 pieces x (1 x 2 x 1) pixels; value = unit*100 + piece*10 + pixel
    const data = new Float32Array(12);
    for (let u = 0; u < 3; u++)
      for (let p = 0; p < 2; p++)
        for (let x = 0; x < 2; x++) data[(u * 2 + p) * 2 + x] = u * 100 + p * 10 + x;
    const weights = { units: 3, pieces: 2, imageShape: [1, 2, 1] as const, data };
    const rows = parseCsv(weightsCsv([{ title: 'm', weights }], 1, 2));
    expect(rows).toEqual([
      ['model', 'unit', 'piece', 'pixel', 'value'],
      ['m', '1', '0', '0', '100'],
      ['m', '1', '0', '1', '101'],
      ['m', '1', '1', '0', '110'],
      ['m', '1', '1', '1', '111'],
    ]);
  });
});
