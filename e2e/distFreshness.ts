/**
 * Whether dist/ holds a build of the current sources: `npm run test:e2e` and `npm run soak`
 * rebuild the app first when it does not.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const BUILD_INPUTS = [
  'src',
  'public',
  'models',
  'index.html',
  'embed.html',
  'tour.html',
  'vite.config.ts',
  'package.json',
];

/** Newest modification time (ms) of any file under `path`. */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why dist/ must be built again, or null when it is up to date. */
export function buildIsStale(): string | null {
  const index = join(repoRoot, 'dist', 'index.html');
  if (!existsSync(index)) return 'dist/index.html is missing';
  const built = statSync(index).mtimeMs;
  const changed = BUILD_INPUTS.find((input) => newestMtime(join(repoRoot, input)) > built);
  return changed ? `${changed} changed after the last build` : null;
}
