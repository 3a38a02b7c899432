/**
 * Issue 2 item 3: with no preference the engine times every usable backend and takes the
 * fastest; the user can override the choice in the UI, and the engine really moves.
 */
import { expect, test } from './fixtures';
import { openApp } from './helpers/app';
import { waitForEngine } from './helpers/engine';
import { TEST_IDS } from './helpers/testIds';

test('auto: the engine measured the usable backends and took the fastest', async ({ page }) => {
  test.setTimeout(180_000);
  const info = await openApp(page);
  if (info.chosenBy === 'elimination') {
    // no hardware GPU (CI: SwiftShader): wasm has no rival worth timing, and the others say so
    expect(info.active).toBe('wasm');
    for (const other of info.candidates.filter((c) => c.available && c.name !== 'wasm')) {
      expect(other.note, other.name).toMatch(/not timed/);
    }
    await expect(page.getByTestId(TEST_IDS.backendName)).toContainText(info.active);
    return;
  }
  expect(info.chosenBy).toBe('measured');
  const timed = info.candidates.filter((c) => c.available && c.probeMs !== undefined);
  expect(timed.length, 'no backend was timed').toBeGreaterThan(0);
  const active = timed.find((c) => c.name === info.active);
  expect(active, `the active backend ${info.active} was not timed`).toBeDefined();
  for (const other of timed) {
    expect(active?.probeMs ?? Infinity, `${info.active} vs ${other.name}`).toBeLessThanOrEqual(
      other.probeMs ?? Infinity,
    );
  }
  await expect(page.getByTestId(TEST_IDS.backendName)).toContainText(info.active);
});

test('a measured choice is remembered for this browser and adapters, and only for them', async ({
  page,
}) => {
  const first = await openApp(page);
  expect(first.machine).toEqual(expect.any(String));
  // what the page keeps after a measured choice (here: cpu, so that keeping it shows)
  const remember = (machine: string) =>
    page.evaluate(([key, record]) => localStorage.setItem(key, record), [
      'adversarial-explorer:backend-choice',
      JSON.stringify({ version: 1, machine, active: 'cpu', savedAt: Date.now() }),
    ] as const);
  await remember(first.machine ?? '');
  await page.reload();
  const again = await waitForEngine(page);
  expect(again).toMatchObject({ chosenBy: 'remembered', active: 'cpu' });
  expect(again.candidates.filter((c) => c.probeMs !== undefined)).toEqual([]);

  // another browser or adapter: the record does not hold
  await remember(`${first.machine ?? ''} (another GPU)`);
  await page.reload();
  const third = await waitForEngine(page);
  expect(third.chosenBy).not.toBe('remembered');
  expect(third.active).toBe(first.active);
});

test('choosing a backend in the UI restarts the engine on it', async ({ page }) => {
  const first = await openApp(page, { backend: 'wasm' });
  expect(first.active).toBe('wasm');
  await expect(page.getByTestId(TEST_IDS.backendName)).toContainText('wasm');

  await page.getByTestId(TEST_IDS.backendSelect).selectOption('cpu');
  await expect(page.getByTestId(TEST_IDS.backendName)).toContainText('cpu');
  await expect
    .poll(() => page.evaluate(() => window.adversarialExplorer?.client.backendInfo()?.active))
    .toBe('cpu');
  const info = await waitForEngine(page);
  expect(info.chosenBy).toBe('override');

  // the choice is in the URL at once, so it survives a reload
  await expect(page).toHaveURL(/[?&]backend=cpu(&|$)/);
  await page.reload();
  expect((await waitForEngine(page)).active).toBe('cpu');
  await expect(page.getByTestId(TEST_IDS.backendName)).toContainText('cpu');
});
