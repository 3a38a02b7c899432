/**
 * Issue 7: the embed's URL and the share link. A malicious embed URL changes nothing and runs
 * nothing; a copied link (and the share dialog's snippets) reproduce the same predictions; the
 * embed's scripts keep tfjs in the worker. The course page with its embeds: embed.spec.ts.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openModelImage, saveScreenshot } from './helpers/app';
import { mainThreadClosure, readDistFile, scriptClosure } from './helpers/dist';
import { TEST_IDS } from './helpers/testIds';

declare global {
  interface Window {
    __aePwned?: unknown;
  }
}

/** a flag that any injected script in these tests would set */
const PWN = 'window.__aePwned=1';

test('a malicious embed URL is ignored with a notice: nothing runs, defaults hold', async ({
  page,
}) => {
  const query = [
    `model=${encodeURIComponent(`<script>${PWN}</script>`)}`,
    'eps=1e308',
    'image=__proto__',
    `view=${encodeURIComponent(`<img src=x onerror="${PWN}">`)}`,
    '__proto__[polluted]=1',
    'constructor[prototype][polluted]=1',
    'backend=wasm',
    `controls=${encodeURIComponent('eps,<svg onload=alert(1)>')}`,
  ].join('&');
  await page.goto(`./embed.html?${query}`);
  await expect(page.getByTestId(TEST_IDS.errorBanner)).toContainText('ignored');
  await expect(page.getByTestId('embed-status')).toHaveAttribute('data-clean-class', /^\d+$/, {
    timeout: 120_000,
  });
  const state = await page.evaluate(() => {
    const s = window.adversarialExplorer?.state?.() as Record<string, unknown>;
    return { eps: s.eps, index: s.selectedIndex, tab: s.activeTab, model: s.selectedModelId };
  });
  expect(state).toEqual({ eps: 0.25, index: 0, tab: 'image', model: 'mnist-maxout' });
  expect(
    await page.evaluate(() => ({
      pwned: window.__aePwned,
      polluted: (Object.prototype as Record<string, unknown>).polluted,
    })),
  ).toEqual({ pwned: undefined, polluted: undefined });
  // the banner shows the payload as text, never as markup
  await expect(page.getByTestId(TEST_IDS.errorBanner).locator('script, img, svg')).toHaveCount(0);
  // the URL the embed writes back carries only valid fields
  await expect.poll(() => page.url()).not.toContain('script');
});

test('a copied link reproduces the same predicted classes and numbers', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openModelImage(page, { modelId: 'mnist-softmax', index: 12, backend: 'wasm' });
  const epsField = page.getByTestId('eps-value');
  await epsField.fill('0.15');
  await epsField.press('Enter');
  const outcomeOf = (p: Page) =>
    p.evaluate(() => {
      const s = window.adversarialExplorer?.state?.() as {
        attackOutcome: {
          eps: number;
          index: number;
          result: {
            clean: { predictedClass: number; confidence: number };
            attacked: { predictedClass: number; confidence: number };
          };
        } | null;
      };
      const o = s.attackOutcome;
      return o
        ? {
            eps: o.eps,
            index: o.index,
            clean: o.result.clean.predictedClass,
            cleanConfidence: o.result.clean.confidence,
            adversarial: o.result.attacked.predictedClass,
            adversarialConfidence: o.result.attacked.confidence,
          }
        : null;
    });
  await expect.poll(async () => (await outcomeOf(page))?.eps).toBe(0.15);
  const before = await outcomeOf(page);

  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link-status')).toContainText('copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/[?&]v=1&model=mnist-softmax&image=12&eps=0\.15&attack=fgsm&view=image/);
  expect(link).toContain('backend=wasm');

  // the Share / embed dialog offers the iframe and custom element snippets of the same state
  await page.getByTestId('share-open').click();
  await expect(page.getByTestId('share-iframe')).toHaveValue(
    /<iframe src="[^"]*embed\.html\?v=1&amp;model=mnist-softmax&amp;image=12&amp;eps=0\.15/,
  );
  await expect(page.getByTestId('share-element')).toHaveValue(
    /<adversarial-explorer model="mnist-softmax" image="12" eps="0.15"/,
  );
  await saveScreenshot(page.locator('.ae-share__dialog'), 'share-dialog');
  await page.getByTestId('share-close').click();
  await saveScreenshot(page.locator('header').first(), 'share-header');

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId(TEST_IDS.predAdversarial)).toHaveAttribute('data-class', /^\d+$/, {
    timeout: 120_000,
  });
  await expect.poll(async () => (await outcomeOf(other))?.eps).toBe(0.15);
  expect(await outcomeOf(other)).toEqual(before);
  await expect(other.getByTestId(TEST_IDS.predOriginal)).toHaveAttribute(
    'data-class',
    String(before?.clean),
  );
  await expect(other.getByTestId(TEST_IDS.predAdversarial)).toHaveAttribute(
    'data-class',
    String(before?.adversarial),
  );
});

test('embed.html and lib/adversarial-explorer.js keep tfjs in the worker', () => {
  const markers = ['tfjsflags', 'KEEP_INTERMEDIATE_TENSORS'];
  const embed = mainThreadClosure('embed.html');
  const element = scriptClosure(['lib/adversarial-explorer.js']);
  expect(embed.length, 'embed.html loads no module script').toBeGreaterThan(0);
  expect(element).toContain('lib/adversarial-explorer.js');
  for (const script of [...embed, ...element]) {
    const code = readDistFile(script);
    for (const marker of markers) expect(code.includes(marker), `${script} has tfjs`).toBe(false);
  }
});
