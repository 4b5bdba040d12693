// A web-test-runner reporter that ends the run with one plain line, `N passed, N failed`,
// which CI reads. web-test-runner swallows console output from reporters, so it writes to
// the standard output directly.
import { writeSync } from 'node:fs';

/** Counts tests in a (nested) suite result. */
function count(suite, totals) {
  if (!suite) return;
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

export function summaryReporter() {
  let totals = null;
  return {
    onTestRunFinished({ sessions }) {
      totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.failed++;
      }
    },
    stop() {
      if (!totals) return;
      const { passed, failed, skipped } = totals;
      const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
      // The default reporter flushes its last lines after `stop`; be the very last line.
      process.once('exit', () => writeSync(1, `\n${line}\n`));
    },
  };
}
