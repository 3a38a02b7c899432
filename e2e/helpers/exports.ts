/**
 * Clicks a figure's export buttons (src/ui/export/ExportButtons.tsx: test ids
 * `<prefix>-export-svg|png|csv`) and checks that each download is a well-formed file of its kind.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

export interface DownloadedFile {
  name: string;
  bytes: Buffer;
}

export async function download(page: Page, testId: string): Promise<DownloadedFile> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/** An SVG document that the browser's XML parser accepts, with an <svg> root that draws something. */
export async function expectValidSvg(page: Page, file: DownloadedFile): Promise<void> {
  expect(file.name).toMatch(/\.svg$/);
  const verdict = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const error = doc.getElementsByTagName('parsererror')[0];
    return {
      error: error ? (error.textContent ?? 'parse error') : null,
      root: doc.documentElement.localName,
      namespace: doc.documentElement.namespaceURI,
      shapes: doc.querySelectorAll('path, rect, line, circle, polyline, image, text').length,
    };
  }, file.bytes.toString('utf8'));
  expect(verdict.error, `${file.name} is not well-formed XML`).toBeNull();
  expect(verdict.root).toBe('svg');
  expect(verdict.namespace).toBe('http://www.w3.org/2000/svg');
  expect(verdict.shapes, `${file.name} draws nothing`).toBeGreaterThan(0);
}

/** A PNG: the 8-byte signature, then an IHDR chunk with a non-empty size. */
export function expectValidPng(file: DownloadedFile): { width: number; height: number } {
  expect(file.name).toMatch(/\.png$/);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(file.bytes.subarray(0, 8).equals(signature), `${file.name} has no PNG signature`).toBe(
    true,
  );
  expect(file.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  const width = file.bytes.readUInt32BE(16);
  const height = file.bytes.readUInt32BE(20);
  expect(width * height, `${file.name} is empty`).toBeGreaterThan(0);
  return { width, height };
}

/** Splits one CSV line, honouring RFC 4180 quotes. */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/**
 * A CSV table: a header, at least one data row, every row as wide as the header. Lines starting
 * with '#' are comments (provenance) and are skipped. Returns the header and rows.
 */
export function parseCsv(file: DownloadedFile): { header: string[]; rows: string[][] } {
  expect(file.name).toMatch(/\.csv$/);
  const lines = file.bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.length > 0 && !line.startsWith('#'));
  const [headerLine, ...rest] = lines;
  expect(headerLine, `${file.name} is empty`).toBeDefined();
  const header = splitCsvLine(headerLine ?? '');
  const rows = rest.map(splitCsvLine);
  expect(rows.length, `${file.name} has no data rows`).toBeGreaterThan(0);
  // one expect for the whole table (an expect per row would be traced one by one)
  const ragged = rows.flatMap((row, i) => (row.length === header.length ? [] : [i + 1]));
  expect(ragged.slice(0, 5), `${file.name}: rows not as wide as the header`).toEqual([]);
  return { header, rows };
}
