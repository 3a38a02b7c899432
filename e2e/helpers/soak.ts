/**
 * The soak: many model switches, eps changes and view switches through the UI of the built app,
 * with the engine's tensor count and bytes (and its peers') read before and after. Shared by
 * e2e/soak.spec.ts (a short plan, in CI) and `npm run soak` (scripts/soak.ts, a long one).
 * Only page APIs here (no `expect`), so a plain Playwright script can run it too.
 */
import type { Page } from '@playwright/test';
import type { EngineMemory, TensorMemory } from '../../src/engine/api';
import type { ViewTab } from '../../src/state/types';
// declares window.adversarialExplorer for the page.evaluate bodies
export type { DevtoolsHandle } from '../../src/app/devtoolsHandle';

export interface SoakPlan {
  /** model ids to cycle through, in this order (models/index.json) */
  models: readonly string[];
  modelSwitches: number;
  epsChanges: number;
  viewSwitches: number;
}

export interface SoakReport {
  done: { modelSwitches: number; epsChanges: number; viewSwitches: number };
  /** after one warm-up pass over every model and view */
  before: EngineMemory;
  /** after the plan, back on the baseline's model, view and eps */
  after: EngineMemory;
  ms: number;
}

const VIEWS: readonly ViewTab[] = ['image', 'sweep', 'cross-section', 'weights', 'experiments'];
/** eps values the slider steps through (every model's range reaches 0.25) */
const EPS_VALUES = [0.05, 0.1, 0.15, 0.2, 0.25, 0.2, 0.15, 0.1];
const MODEL_TIMEOUT_MS = 60_000;

async function selectModel(page: Page, id: string): Promise<void> {
  await page.getByTestId('model-select').selectOption(id);
  await page.waitForFunction(
    (wanted) => window.adversarialExplorer?.currentModelId?.() === wanted,
    id,
    { timeout: MODEL_TIMEOUT_MS, polling: 50 },
  );
}

async function openView(page: Page, view: ViewTab): Promise<void> {
  await page.getByTestId(`tab-${view}`).click();
  await page.getByTestId(`panel-${view}`).waitFor();
}

async function setEps(page: Page, eps: number): Promise<void> {
  await page.getByTestId('eps-slider').fill(String(eps));
}

function sameMemory(a: EngineMemory, b: EngineMemory): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The engine's memory once the page has nothing running: every cross-section map finished
 * (they go on after their view is left) and two readings half a second apart agree.
 */
export async function settledMemory(page: Page, timeoutMs = 120_000): Promise<EngineMemory> {
  await page.waitForFunction(
    () => {
      const state = window.adversarialExplorer?.state?.() as
        { csMaps?: { result: unknown; error: unknown }[] } | undefined;
      return (state?.csMaps ?? []).every((m) => m.result !== null || m.error !== null);
    },
    undefined,
    { timeout: timeoutMs, polling: 250 },
  );
  const read = (): Promise<EngineMemory> =>
    page.evaluate(() => {
      const app = window.adversarialExplorer;
      if (!app) throw new Error('window.adversarialExplorer is missing');
      return app.client.memory({ peers: true });
    });
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  for (;;) {
    await page.waitForTimeout(500);
    const next = await read();
    if (sameMemory(last, next) || Date.now() > deadline) return next;
    last = next;
  }
}

/**
 * Runs `plan` on an opened app: one warm-up pass first (every model, every view: test sets,
 * peers and kernels that stay are made then), the baseline, then the plan's operations spread
 * evenly, back on the baseline's model, view and eps, and the memory again.
 */
export async function runSoak(
  page: Page,
  plan: SoakPlan,
  log: (line: string) => void = () => {},
): Promise<SoakReport> {
  const { models } = plan;
  const first = models[0];
  if (first === undefined) throw new Error('the soak needs at least one model');
  // the views first, on the first model (cheap maps; the peers start here), then every model
  for (const view of VIEWS) await openView(page, view);
  await openView(page, 'image');
  for (const id of [...models.slice(1), first]) await selectModel(page, id);
  await setEps(page, EPS_VALUES[0] as number);
  const before = await settledMemory(page);
  log(`baseline after a warm-up pass over ${models.length} models and ${VIEWS.length} views`);

  const done = { modelSwitches: 0, epsChanges: 0, viewSwitches: 0 };
  const start = Date.now();
  const rounds = Math.max(plan.modelSwitches, 1);
  for (let round = 1; round <= rounds; round++) {
    // the eps changes and view switches due by this round, so all three spread evenly
    while (done.epsChanges < Math.floor((plan.epsChanges * round) / rounds)) {
      await setEps(page, EPS_VALUES[done.epsChanges % EPS_VALUES.length] as number);
      done.epsChanges++;
    }
    while (done.viewSwitches < Math.floor((plan.viewSwitches * round) / rounds)) {
      await openView(page, VIEWS[(done.viewSwitches + 1) % VIEWS.length] as ViewTab);
      done.viewSwitches++;
    }
    await openView(page, 'image');
    if (done.modelSwitches < plan.modelSwitches) {
      await selectModel(page, models[round % models.length] as string);
      done.modelSwitches++;
    }
    if (round % 20 === 0) log(`${round}/${rounds} rounds`);
  }
  await selectModel(page, first);
  await setEps(page, EPS_VALUES[0] as number);
  const after = await settledMemory(page);
  return { done, before, after, ms: Date.now() - start };
}

/**
 * What may differ after the soak: no tensor more, and a few small buffers' bytes. A re-selected
 * model that keeps a copy of any weight adds a tensor (before the fix: 2 per maxout model).
 */
export const SOAK_TOLERANCE = { tensors: 0, bytes: 16 * 1024 };

/** One line per engine (the engine, peer 1, ...) that ends above its baseline plus tolerance. */
export function memoryGrowth(before: EngineMemory, after: EngineMemory): string[] {
  const pairs: [string, TensorMemory | undefined, TensorMemory][] = [
    ['engine', before, after],
    ...(after.peers ?? []).map((peer, i): [string, TensorMemory | undefined, TensorMemory] => [
      `peer ${i + 1}`,
      before.peers?.[i],
      peer,
    ]),
  ];
  if ((before.peers?.length ?? 0) !== (after.peers?.length ?? 0)) {
    return [`${before.peers?.length ?? 0} peers before, ${after.peers?.length ?? 0} after`];
  }
  return pairs.flatMap(([name, was, now]) => {
    const tensors = now.numTensors - (was?.numTensors ?? 0);
    const bytes = now.numBytes - (was?.numBytes ?? 0);
    return tensors > SOAK_TOLERANCE.tensors || bytes > SOAK_TOLERANCE.bytes
      ? [
          `${name}: ${tensors >= 0 ? '+' : ''}${tensors} tensors, ${bytes >= 0 ? '+' : ''}${bytes} bytes`,
        ]
      : [];
  });
}

const MIB = 2 ** 20;

/** "89 tensors, 61.8 MiB (peers: 89 / 61.8 MiB, ...)" */
export function describeMemory(memory: EngineMemory): string {
  const own = `${memory.numTensors} tensors, ${(memory.numBytes / MIB).toFixed(1)} MiB`;
  const peers = (memory.peers ?? []).map(
    (p) => `${p.numTensors} / ${(p.numBytes / MIB).toFixed(1)} MiB`,
  );
  return peers.length > 0 ? `${own} (peers: ${peers.join(', ')})` : own;
}
