/**
 * Prints one closing line "e2e: N passed, N failed, N skipped" that CI log readers recognise,
 * next to the list reporter's own output.
 */
import type { FullConfig, FullResult, Reporter, Suite } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  private suite: Suite | undefined;

  onBegin(_config: FullConfig, suite: Suite): void {
    this.suite = suite;
  }

  onEnd(result: FullResult): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const interrupted = result.status !== 'passed';
    for (const test of this.suite?.allTests() ?? []) {
      const outcome = test.outcome();
      // a test an interrupted run never reached did not pass: count it as failed, not skipped
      if (outcome === 'skipped' && interrupted && test.results.length === 0) counts.failed += 1;
      else if (outcome === 'skipped') counts.skipped += 1;
      else if (outcome === 'unexpected') counts.failed += 1;
      else counts.passed += 1;
    }
    if (interrupted) console.log(`e2e: run ended with status "${result.status}"`);
    console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }

  printsToStdio(): boolean {
    return true;
  }
}
