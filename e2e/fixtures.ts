/**
 * The `test` every spec imports: Playwright's, plus a record of what went wrong inside the page
 * (uncaught exceptions, console errors, failed requests). An uncaught exception fails any test;
 * console errors are checked where a spec asks (the smoke test does).
 */
import { test as base, expect } from '@playwright/test';

export interface PageProblems {
  /** uncaught exceptions and unhandled rejections, in the page and its workers */
  pageErrors: string[];
  /** console.error messages from the page and its workers */
  consoleErrors: string[];
  /** requests that failed or answered >= 400 */
  failedRequests: string[];
}

export const test = base.extend<{ problems: PageProblems }>({
  problems: [
    async ({ page }, use) => {
      const problems: PageProblems = { pageErrors: [], consoleErrors: [], failedRequests: [] };
      page.on('pageerror', (error) => problems.pageErrors.push(error.stack ?? error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.consoleErrors.push(message.text());
      });
      page.on('worker', (worker) => {
        worker.on('console', (message) => {
          if (message.type() === 'error') problems.consoleErrors.push(`[worker] ${message.text()}`);
        });
      });
      page.on('requestfailed', (request) => {
        problems.failedRequests.push(`${request.url()} (${request.failure()?.errorText ?? '?'})`);
      });
      page.on('response', (response) => {
        if (response.status() >= 400) {
          problems.failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
        }
      });
      await use(problems);
      expect(problems.pageErrors, 'uncaught exceptions in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
