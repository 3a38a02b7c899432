/** Setting an experiment up in the Experiments view and running it, as a user would. */
import { expect, type Page } from '@playwright/test';

export interface UiChoice {
  kind: string;
  models: string[];
  attack?: string;
  eps?: string;
  limit?: number;
  count?: number;
  steps?: number;
  sources?: number;
  direction?: string;
  seed: number;
}

async function chooseModels(page: Page, models: string[]): Promise<void> {
  const boxes = page.locator('[data-testid^="experiment-model-"]');
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    const id = (await box.getAttribute('data-testid'))?.replace('experiment-model-', '') ?? '';
    await box.setChecked(models.includes(id));
  }
}

export async function setUp(page: Page, c: UiChoice): Promise<void> {
  await page.getByTestId('experiment-kind').selectOption(c.kind);
  await chooseModels(page, c.models);
  if (c.attack) await page.getByTestId('experiment-attack').selectOption(c.attack);
  if (c.eps) await page.getByTestId('experiment-eps').fill(c.eps);
  if (c.direction) await page.getByTestId('experiment-direction').selectOption(c.direction);
  for (const [id, value] of [
    ['experiment-limit', c.limit],
    ['experiment-count', c.count],
    ['experiment-steps', c.steps],
    ['experiment-sources', c.sources],
    ['experiment-seed', c.seed],
  ] as const) {
    if (value === undefined) continue;
    const field = page.getByTestId(id);
    await field.fill(String(value));
    await field.press('Tab');
  }
}

export async function runInUi(page: Page, c: UiChoice): Promise<unknown> {
  await setUp(page, c);
  await page.getByTestId('experiment-run').click();
  const status = page.getByTestId('experiment-status');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  const text = await page.getByTestId('experiment-result-json').textContent();
  return JSON.parse(text ?? 'null') as unknown;
}
