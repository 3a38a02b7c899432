/**
 * Which Chromium the end-to-end tests drive. Playwright's own browser download is not reachable
 * from CI, so Debian's package is the default; an env variable can point elsewhere.
 */
import { existsSync } from 'node:fs';

/** Debian's /usr/bin/chromium is a shell wrapper; the real binary sits beside its libraries. */
const DEBIAN_CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

/** The executable to launch, or undefined to let Playwright use its own downloaded build. */
export function chromiumExecutablePath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.PLAYWRIGHT_CHROMIUM_PATH ?? env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  return DEBIAN_CANDIDATES.find((path) => existsSync(path));
}

/**
 * Flags for headless runs: WebGPU is off by default on Linux (and without a GPU it runs on
 * SwiftShader, which Chromium ships); the rest keeps the browser from reaching the network.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
