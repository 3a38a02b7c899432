/**
 * The app's engine worker (not its peers, which share its script) from a spec, and ways to make
 * it fail as a real one can: an uncaught error, self.close(), a loop that never ends, a lost
 * WebGPU device. Each runs inside the real worker through Playwright, after the current task, so
 * the call that asks for it returns first.
 */
import type { Page, Worker } from '@playwright/test';

const ENGINE_NAME = 'adversarial-explorer-engine';

export async function engineWorker(page: Page): Promise<Worker> {
  for (const worker of page.workers()) {
    const name = await worker.evaluate(() => self.name).catch(() => null);
    if (name === ENGINE_NAME) return worker;
  }
  throw new Error(`no worker named ${ENGINE_NAME} among ${page.workers().length}`);
}

export type WorkerFailure = 'throw' | 'close' | 'hang' | 'device-loss';

export async function failEngineWorker(page: Page, failure: WorkerFailure): Promise<void> {
  const worker = await engineWorker(page);
  await worker.evaluate((how) => {
    setTimeout(() => {
      if (how === 'throw') throw new Error('e2e: an uncaught error in the engine worker');
      if (how === 'close') self.close();
      if (how === 'hang') for (;;);
      if (how === 'device-loss') {
        // tfjs keeps its engine on the global object; the WebGPU backend holds the device
        const engine = (globalThis as { _tfengine?: { backendInstance?: unknown } })._tfengine;
        const backend = engine?.backendInstance as { device?: { destroy(): void } } | undefined;
        backend?.device?.destroy();
      }
    }, 0);
  }, failure);
}
