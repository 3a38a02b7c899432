/**
 * `npx tsx scripts/make-icons.ts`: the app's icons in public/icons/ (web app manifest, Apple
 * touch icon) - a pixel "7" on the blue/red diverging split of the weight pictures. The shape is
 * only rectangles, rasterised here (ImageMagick's `convert` here has no SVG renderer) and
 * written as PNG by `convert`. icon.svg is the same drawing for browsers that take SVG icons.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SEVEN = ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'];
const BLUE = [0x24, 0x56, 0xc8];
const RED = [0xc8, 0x24, 0x3a];
const OUT = join(import.meta.dirname, '..', 'public', 'icons');

/** RGBA pixels; `cell` is a glyph pixel as a fraction of the size; `rounded` clips corners. */
function raster(size: number, cell: number, rounded: boolean): Buffer {
  const c = cell * size;
  const x0 = (size - 5 * c) / 2;
  const y0 = (size - 7 * c) / 2;
  const r = rounded ? 0.18 * size : 0;
  const out = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [px, py] = [x + 0.5, y + 0.5];
      const cx = Math.min(Math.max(px, r), size - r);
      const cy = Math.min(Math.max(py, r), size - r);
      const i = (y * size + x) * 4;
      if (r > 0 && (px - cx) ** 2 + (py - cy) ** 2 > r * r) continue; // transparent corner
      const col = Math.floor((px - x0) / c);
      const row = Math.floor((py - y0) / c);
      const ink = px >= x0 && py >= y0 && col < 5 && row < 7 && SEVEN[row]?.[col] === '#';
      const [red, green, blue] = ink ? [255, 255, 255] : px < size / 2 ? BLUE : RED;
      out.set([red ?? 0, green ?? 0, blue ?? 0, 255], i);
    }
  }
  return out;
}

const ICONS: [name: string, size: number, cell: number, rounded: boolean][] = [
  ['icon-192', 192, 0.1015625, true],
  ['icon-512', 512, 0.1015625, true],
  // maskable: full bleed, the glyph inside the safe circle (80% of the size)
  ['icon-maskable-512', 512, 0.07421875, false],
  ['apple-touch-icon-180', 180, 0.1015625, false],
];

for (const [name, size, cell, rounded] of ICONS) {
  const raw = join(OUT, `${name}.rgba`);
  writeFileSync(raw, raster(size, cell, rounded));
  execFileSync('convert', [
    '-size',
    `${size}x${size}`,
    '-depth',
    '8',
    `rgba:${raw}`,
    '-strip',
    join(OUT, `${name}.png`),
  ]);
  execFileSync('rm', [raw]);
  console.log(`public/icons/${name}.png`);
}
