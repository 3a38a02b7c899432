/**
 * `npm run soak`: the long soak of issue 13 in headless Chromium on the built app (rebuilt when
 * dist/ is stale): many model switches over every model of models/index.json, eps changes and
 * view switches through the UI, then the engine's (and its peers') tensors and MiB before and
 * after. e2e/soak.spec.ts runs a short plan of the same code (e2e/helpers/soak.ts) in CI.
 *
 *   npm run soak [-- --model-switches 200 --eps-changes 1000 --view-switches 100
 *                    --backend wasm --map-res 16 --port 4312]
 *
 * Exits 1 when the engine or a peer ends above its baseline plus SOAK_TOLERANCE.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../e2e/browserPath';
import { buildIsStale, repoRoot } from '../e2e/distFreshness';
import { shippedModels } from '../e2e/helpers/models';
import { describeMemory, memoryGrowth, runSoak, SOAK_TOLERANCE } from '../e2e/helpers/soak';
import { startServer } from '../e2e/server';

const { values } = parseArgs({
  options: {
    'model-switches': { type: 'string', default: '200' },
    'eps-changes': { type: 'string', default: '1000' },
    'view-switches': { type: 'string', default: '100' },
    backend: { type: 'string', default: 'wasm' },
    'map-res': { type: 'string', default: '16' },
    port: { type: 'string', default: '4312' },
  },
});

function count(name: keyof typeof values): number {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
}

async function main(): Promise<number> {
  const stale = buildIsStale();
  if (stale) {
    console.log(`soak: building the app first (${stale})`);
    const built = spawnSync(join(repoRoot, 'node_modules', '.bin', 'vite'), ['build'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    if (built.status !== 0) return 1;
  }
  const port = count('port');
  const server = startServer({
    port,
    root: join(repoRoot, 'dist'),
    sharedModels: join(repoRoot, 'models'),
  });
  await new Promise<void>((resolve) => server.on('listening', () => resolve()));
  const browser = await chromium.launch({
    executablePath: chromiumExecutablePath(),
    args: [...CHROMIUM_ARGS],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // tsx keeps function names with an __name helper that serialised page functions lack
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const query = new URLSearchParams({
      backend: String(values.backend),
      mapRes: String(values['map-res']),
    });
    await page.goto(`http://127.0.0.1:${port}/?${query.toString()}`);
    await page.waitForFunction(
      () => window.adversarialExplorer?.client.backendInfo() ?? null,
      undefined,
      {
        timeout: 120_000,
        polling: 250,
      },
    );
    const models = shippedModels().map((m) => m.id);
    const plan = {
      models,
      modelSwitches: count('model-switches'),
      epsChanges: count('eps-changes'),
      viewSwitches: count('view-switches'),
    };
    console.log(
      `soak: ${values.backend}, ${models.length} models, ${plan.modelSwitches} model switches, ` +
        `${plan.epsChanges} eps changes, ${plan.viewSwitches} view switches`,
    );
    const report = await runSoak(page, plan, (line) => console.log(`  ${line}`));
    const { done, before, after } = report;
    console.log(
      `done: ${done.modelSwitches} model switches, ${done.epsChanges} eps changes, ` +
        `${done.viewSwitches} view switches in ${(report.ms / 1000).toFixed(0)} s`,
    );
    console.log(`before: ${describeMemory(before)}`);
    console.log(`after:  ${describeMemory(after)}`);
    const growth = memoryGrowth(before, after);
    for (const line of growth) console.log(`  grew: ${line}`);
    const grew = growth.length > 0;
    const tolerance = `${SOAK_TOLERANCE.tensors} tensors, ${SOAK_TOLERANCE.bytes / 1024} KiB`;
    console.log(`soak: memory ${grew ? 'GREW' : 'back to the baseline'} (tolerance ${tolerance})`);
    return grew ? 1 : 0;
  } finally {
    await browser.close();
    server.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
