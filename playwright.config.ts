/**
 * End-to-end tests: the built app (dist/) in Debian's headless Chromium with WebGPU on
 * (SwiftShader when there is no GPU). One worker: CI has two cores and the engine's own worker
 * needs the other one.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutablePath } from './e2e/browserPath';

/** Not 4173 (vite preview's default), so a preview someone left running is never tested. */
const port = Number(process.env.E2E_PORT ?? 4188);
const baseURL = `http://127.0.0.1:${port}/`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // E2E_OUTPUT_DIR: a run beside another in the same checkout must not clean that one's folder
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'e2e/artifacts/results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // SwiftShader WebGPU compiles every shader on the CPU: give single tests room, but not the run
  timeout: 120_000,
  globalTimeout: 15 * 60_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['./e2e/summaryReporter.ts']],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    // the service worker's precaching (52 MB) would run beside every test and serve requests
    // that page.route() cannot see; e2e/offline.spec.ts allows it for its own tests
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: chromiumExecutablePath(),
      args: [...CHROMIUM_ARGS],
    },
  },
  webServer: {
    command: `node node_modules/tsx/dist/cli.mjs e2e/server.ts --port ${port}`,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
