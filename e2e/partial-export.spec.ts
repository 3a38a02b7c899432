/**
 * Issue 17 item 3: an export made while a figure is still computing says so, on screen and in
 * the file (a band on top and data-partial in the SVG, "-partial" in the name); once the figure
 * is finished, the export carries no such note.
 */
import { expect, test } from './fixtures';
import { openApp } from './helpers/app';
import { download, expectValidPng, expectValidSvg } from './helpers/exports';

test('cross-sections exported while refining are marked partial; finished ones are not', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openApp(page, { backend: 'wasm', view: 'cross-section', mapRes: '128' });
  // the first map is refining: export now
  await expect(page.getByTestId('xsec-progress-0')).toBeVisible();
  await expect(page.getByTestId('xsec-export-partial')).toContainText(/refining \d+%/);
  const svg = await download(page, 'xsec-export-svg');
  await expectValidSvg(page, svg);
  expect(svg.name).toBe('cross-sections-128-partial.svg');
  const text = svg.bytes.toString('utf8');
  expect(text).toContain('data-partial="true"');
  expect(text).toMatch(/Partial figure, still computing: refining \d+%/);
  const png = await download(page, 'xsec-export-png');
  expectValidPng(png);
  expect(png.name).toBe('cross-sections-128-partial.png');

  // finished: no note
  await expect(page.locator('[data-testid^="xsec-progress-"]')).toHaveCount(0, {
    timeout: 200_000,
  });
  await expect(page.getByTestId('xsec-export-partial')).toHaveCount(0);
  const final = await download(page, 'xsec-export-svg');
  expect(final.name).toBe('cross-sections-128.svg');
  expect(final.bytes.toString('utf8')).not.toContain('data-partial');
});
