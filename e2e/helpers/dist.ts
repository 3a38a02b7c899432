/** Reads the built app (dist/) to check what ends up in which bundle. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const distDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'dist');

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`).exec(tag)?.[1];
}

/**
 * The scripts the page itself loads: every <script type="module" src> of dist/index.html and
 * every <link rel="modulepreload" href> (Vite's statically imported chunks), as dist-relative
 * paths.
 */
export function mainThreadScripts(page = 'index.html'): string[] {
  const html = readFileSync(join(distDir, page), 'utf8');
  const found = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = attribute(tag, 'src');
    if (src && attribute(tag, 'type') === 'module') found.add(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    const href = attribute(tag, 'href');
    if (href && attribute(tag, 'rel') === 'modulepreload') found.add(href);
  }
  return [...found].map((url) => normalize(url.replace(/^\.?\//, '')));
}

/** Relative module specifiers a chunk imports, statically (`from"./x.js"`, `import"./x.js"`)
 * or dynamically (`import("./x.js")`); worker URLs (`new URL(...)`) are not imports. */
function importedChunks(path: string): string[] {
  const code = readDistFile(path);
  const pattern = /(?:\bfrom|\bimport)\s*\(?\s*["'`](\.{1,2}\/[^"'`]+?\.js)["'`]/g;
  return [...code.matchAll(pattern)].map((m) => normalize(join(dirname(path), m[1] ?? '')));
}

/** The main-thread scripts and every chunk they import, directly or not: all the code the page
 * itself can ever run, as opposed to its workers. */
export function mainThreadClosure(page = 'index.html'): string[] {
  return scriptClosure(mainThreadScripts(page));
}

/** These scripts (dist-relative) and every chunk they import, directly or not. */
export function scriptClosure(scripts: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...scripts];
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    if (seen.has(path) || !existsSync(join(distDir, path))) continue;
    seen.add(path);
    queue.push(...importedChunks(path));
  }
  return [...seen];
}

/** Every .js file under dist/assets, dist-relative. */
export function allAssetScripts(): string[] {
  const assets = join(distDir, 'assets');
  if (!existsSync(assets)) return [];
  return readdirSync(assets, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.js'))
    .map((name) => join('assets', name));
}

export function readDistFile(path: string): string {
  return readFileSync(join(distDir, path), 'utf8');
}
