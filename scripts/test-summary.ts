import { existsSync, readFileSync } from 'node:fs';

/**
 * Prints Vitest's totals as one plain line ("vitest: N passed, N failed, N skipped") after the
 * turbo run, where the runner's own summary is buried under task prefixes. Exits non-zero when
 * no results exist or nothing ran, so an empty run can never look green.
 */
const file = '.vitest/results.json';
if (!existsSync(file)) {
  console.log('vitest: 0 passed, 0 failed (no results: the suite did not run)');
  process.exit(1);
}
const results = JSON.parse(readFileSync(file, 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
};
const skipped = results.numPendingTests + results.numTodoTests;
console.log(`vitest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`);
if (results.numPassedTests === 0 || results.numFailedTests > 0) process.exit(1);
