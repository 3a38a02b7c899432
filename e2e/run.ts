/**
 * `npm run test:e2e [-- playwright args]`: builds the app when dist/ is missing or older than
 * its sources, then runs `playwright test` with the given arguments and exits with its code.
 * E2E_SKIP_BUILD=1 tests whatever dist/ holds.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildIsStale, repoRoot } from './distFreshness';

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
