/**
 * `npm run test:e2e [-- playwright args]`: builds the app when dist/ is missing or older than
 * its sources, then runs `playwright test` with the given arguments and exits with its code.
 * E2E_SKIP_BUILD=1 tests whatever dist/ holds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const BUILD_INPUTS = [
  'src',
  'public',
  'models',
  'index.html',
  'embed.html',
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

function buildIsStale(): string | null {
  const index = join(repoRoot, 'dist', 'index.html');
  if (!existsSync(index)) return 'dist/index.html is missing';
  const built = statSync(index).mtimeMs;
  const changed = BUILD_INPUTS.find((input) => newestMtime(join(repoRoot, input)) > built);
  return changed ? `${changed} changed after the last build` : null;
}

function run(bin: string, args: string[]): number {
  const result = spawnSync(join(repoRoot, 'node_modules', '.bin', bin), args, {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.error) {
    console.error(`e2e: could not start ${bin}: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

function main(): number {
  const stale = process.env.E2E_SKIP_BUILD === '1' ? null : buildIsStale();
  if (stale) {
    console.log(`e2e: building the app first (${stale})`);
    const code = run('vite', ['build']);
    if (code !== 0) return code;
  }
  return run('playwright', ['test', ...process.argv.slice(2)]);
}

process.exit(main());
