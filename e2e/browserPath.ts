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

/** What withStoragePartitioning needs of a Playwright browser type (test's or core's). */
interface Launcher {
  launchServer(options: { executablePath?: string; args?: string[] }): Promise<{
    process(): { spawnargs: string[] };
    close(): Promise<void>;
  }>;
}

const PARTITIONING = 'ThirdPartyStoragePartitioning';

/**
 * Launch options under which an iframe from another site than the page gets storage of its
 * own, partitioned by the page's site (localStorage, SharedWorker), as Chrome ships it since
 * version 115. Playwright turns that feature off (its issue 32230); Chromium then gives such
 * iframes no storage and no SharedWorker at all, as it does where third-party storage is
 * blocked. Playwright's own --disable-features list is read from a launch of the browser (it
 * changes between versions) and passed again without the feature.
 */
export async function withStoragePartitioning<
  T extends { executablePath?: string; args?: string[] },
>(launcher: Launcher, options: T): Promise<T & { ignoreDefaultArgs: string[] }> {
  const server = await launcher.launchServer(options);
  const spawned = server.process().spawnargs;
  await server.close();
  const disabled = spawned.filter(
    (arg) => arg.startsWith('--disable-features=') && arg.includes(PARTITIONING),
  );
  const kept = disabled.map((arg) =>
    arg
      .split(/[=,]/)
      .slice(1)
      .filter((feature) => feature !== PARTITIONING)
      .join(','),
  );
  return {
    ...options,
    ignoreDefaultArgs: disabled,
    args: [
      ...(options.args ?? []),
      // Chromium partitions by default once nobody turns it off
      ...kept.map((features) => `--disable-features=${features}`),
    ],
  };
}
